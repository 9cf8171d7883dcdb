/** Builds every stack of a deployment: the home stack and one stack per member account. */
import { App } from 'cdktf';
import type { InfraConfig } from './config.js';
import { deploymentOf, type Deployment } from './deployment.js';
import { HomeStack, type HomeExtension } from './stacks/home.js';
import { MemberStack } from './stacks/member.js';

export interface BuiltApp {
  app: App;
  deployment: Deployment;
  home: HomeStack;
  members: MemberStack[];
}

export function buildApp(config: InfraConfig, outdir: string, extensions: readonly HomeExtension[] = []): BuiltApp {
  const app = new App({ outdir });
  const deployment = deploymentOf(config);
  const home = new HomeStack(app, deployment, extensions);
  const members = config.members.map((member) => new MemberStack(app, deployment, member));
  return { app, deployment, home, members };
}
