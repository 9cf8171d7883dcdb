/** Synthesizes a deployment into a scratch directory and reads each stack's Terraform JSON back. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type BuiltApp } from '../../infra/app.js';
import { parseInfraConfig, type InfraConfigInput } from '../../infra/config.js';
import type { HomeExtension } from '../../infra/stacks/home.js';

export const EXAMPLE_PATH = 'infra/examples/rampart.infra.json';

export function exampleInput(): InfraConfigInput {
  return JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as InfraConfigInput;
}

export interface TerraformJson {
  terraform: { required_providers: Record<string, { source: string; version: string }>; required_version?: string; backend: Record<string, Record<string, unknown>> };
  provider: { aws: Array<Record<string, unknown>> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, unknown>;
}

export interface Synthesized {
  built: BuiltApp;
  outdir: string;
  stacks: Record<string, TerraformJson>;
  /** The resources of one type in one stack, by their terraform name. */
  resources(stack: string, type: string): Array<Record<string, unknown>>;
  /** The one resource of that type, failing when there is not exactly one. */
  only(stack: string, type: string): Record<string, unknown>;
  cleanup(): void;
}

export function synthesize(input: InfraConfigInput = exampleInput(), outdir = mkdtempSync(join(tmpdir(), 'rampart-synth-')), extensions: readonly HomeExtension[] = []): Synthesized {
  const built = buildApp(parseInfraConfig(input, 'test config'), outdir, extensions);
  built.app.synth();
  const stacks: Record<string, TerraformJson> = {};
  for (const stack of [built.home, ...built.members]) stacks[stack.node.id] = JSON.parse(readFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  const resources = (stack: string, type: string): Array<Record<string, unknown>> => Object.values(stacks[stack]?.resource[type] ?? {});
  return {
    built,
    outdir,
    stacks,
    resources,
    only(stack, type) {
      const found = resources(stack, type);
      if (found.length !== 1) throw new Error(`${stack} has ${found.length} ${type}, expected one`);
      return found[0] as Record<string, unknown>;
    },
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export const parsePolicy = (text: unknown): { Version: string; Statement: PolicyStatement[] } => JSON.parse(String(text)) as { Version: string; Statement: PolicyStatement[] };
export const actionsOf = (statement: PolicyStatement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
