/**
 * CodeBuild inventory: every build project of one account and region, listed
 * by name and read in batches of 100 (BatchGetProjects answers the sources,
 * artifacts, environment variables, logging and tags of each project: no
 * per-project call). The pattern is described in auditors/sqs/collect.ts.
 *
 * Plaintext environment variable values are kept in memory for the secrets
 * check to judge; no finding, detail or log line ever carries them.
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface ProjectSource {
  /** "primary", or the secondary source's identifier. */
  id: string;
  type?: string;
  insecureSsl: boolean;
}

export interface ProjectArtifacts {
  /** "primary", or the secondary artifact's identifier. */
  id: string;
  type?: string;
  encryptionDisabled: boolean;
}

export interface EnvironmentVariable {
  name: string;
  /** PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER; CodeBuild's default is PLAINTEXT. */
  type: string;
  /** The value for PLAINTEXT; the parameter or secret name for the other types. */
  value: string;
}

export interface ProjectLogs {
  /** Undefined when the answer had no cloudWatchLogs block. */
  cloudWatch?: { status?: string; groupName?: string };
  s3?: { status?: string; location?: string; encryptionDisabled: boolean };
}

export interface CodeBuildProjectItem {
  ref: ResourceRef;
  name: string;
  sources: ProjectSource[];
  artifacts: ProjectArtifacts[];
  environmentVariables: EnvironmentVariable[];
  /** Undefined when the service did not report logsConfig (unknown). */
  logs?: ProjectLogs;
}

export interface CodeBuildInventory {
  projects: CodeBuildProjectItem[];
}

export const codeBuildCollector: Collector<CodeBuildInventory> = {
  id: 'codebuild',
  service: 'codebuild',
  global: false,
  permissions: ['codebuild:ListProjects', 'codebuild:BatchGetProjects'],
  async collect(ctx) {
    const { fetchCodeBuildInventory } = await import('./fetch.js');
    return fetchCodeBuildInventory(ctx);
  },
};
