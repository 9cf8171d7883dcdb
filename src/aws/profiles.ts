/**
 * Named profiles of the AWS config files (~/.aws/config, ~/.aws/credentials, or
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), read with the SDK's own loader.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

export interface ProfileSettings {
  /** The profile's `region`, when it sets one. */
  region?: string;
}

function configFiles(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return {
    config: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

/** The profile's settings; a profile in neither file is an error that names both files. */
export async function readProfile(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<ProfileSettings> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const files = configFiles(env);
  const loaded = await loadSharedConfigFiles({ configFilepath: files.config, filepath: files.credentials, ignoreCache: true });
  const inConfig = loaded.configFile[profile];
  const inCredentials = loaded.credentialsFile[profile];
  if (!inConfig && !inCredentials) {
    const shown = (path: string): string => path.replace(env.HOME ?? homedir(), '~');
    throw new ProfileError(`profile "${profile}" is not in the AWS config files (${shown(files.config)}, ${shown(files.credentials)}): check the name, or add it with aws configure --profile ${profile}`);
  }
  const region = inConfig?.region ?? inCredentials?.region;
  return region ? { region } : {};
}
