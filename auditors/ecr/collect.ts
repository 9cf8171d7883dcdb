/**
 * ECR inventory, per account and region: the private repositories, each with
 * its lifecycle policy, repository policy and tags (read once per repository),
 * and the registry's scanning configuration (read once), which decides how the
 * repositories are scanned (see scanning.ts). The SDK is loaded by fetch.ts
 * (the pattern is described in auditors/sqs/collect.ts).
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { RegistryScanning } from './scanning.js';

export type { RegistryScanning, RegistryScanningRule } from './scanning.js';

export interface EcrRepositoryItem {
  ref: ResourceRef;
  name: string;
  /** IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE or MUTABLE_WITH_EXCLUSION; undefined when not reported. */
  imageTagMutability?: string;
  /** The tag filters excepted from the repository's mutability setting. */
  tagMutabilityExclusions: string[];
  /** The repository's own (deprecated) scan-on-push setting; undefined when not reported. */
  scanOnPush?: boolean;
  /** The lifecycle policy text; undefined when the repository has none. */
  lifecyclePolicy: Fetched<string | undefined>;
  /** The repository policy text; undefined when the repository has none. */
  repositoryPolicy: Fetched<string | undefined>;
  tags: Fetched<Record<string, string>>;
}

export interface EcrInventory {
  repositories: EcrRepositoryItem[];
  /** The registry scanning configuration of this account and region. */
  registryScanning: Fetched<RegistryScanning>;
}

export const ecrCollector: Collector<EcrInventory> = {
  id: 'ecr',
  service: 'ecr',
  global: false,
  permissions: ['ecr:DescribeRepositories', 'ecr:GetRegistryScanningConfiguration', 'ecr:GetLifecyclePolicy', 'ecr:GetRepositoryPolicy', 'ecr:ListTagsForResource'],
  async collect(ctx) {
    const { fetchEcrInventory } = await import('./fetch.js');
    return fetchEcrInventory(ctx);
  },
};
