import { z } from 'zod';
import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { ecrCollector, type EcrInventory, type EcrRepositoryItem } from '../collect.js';

const parameters = z
  .object({
    /** When true, IMMUTABLE_WITH_EXCLUSION passes (the excluded tags, e.g. "latest", stay mutable). */
    allowExclusionFilters: z.boolean().default(false),
  })
  .strict();

export default defineCheck<EcrInventory, EcrRepositoryItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ecr-repository-tag-immutability-enabled',
    service: 'ecr',
    title: 'ECR repositories keep image tags immutable',
    description:
      'Flags a repository whose image tags can be overwritten (imageTagMutability MUTABLE or MUTABLE_WITH_EXCLUSION): a pushed image can then replace a scanned, approved one under the same tag. IMMUTABLE passes; IMMUTABLE_WITH_EXCLUSION (some tag filters stay mutable) fails as Security Hub ECR.2 reads it, and passes with allowExclusionFilters set. The evidence names the excluded filters.',
    severity: 'MEDIUM',
    resourceType: 'AwsEcrRepository',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Set the repository\'s tag mutability to IMMUTABLE (put-image-tag-mutability), after moving deployments that rely on re-pushing a tag such as "latest" to unique tags or image digests.',
      url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
    },
    compliance: { fsbp: ['ECR.2'], nist: ['CM-2', 'CM-8(1)'] },
  },
  collector: ecrCollector,
  parameters,
  select: (inventory) => inventory.repositories,
  evaluate(repository, params) {
    const mutability = reported(repository.imageTagMutability, 'imageTagMutability', repository.name);
    const evidence = { imageTagMutability: mutability, exclusionFilters: repository.tagMutabilityExclusions, allowExclusionFilters: params.allowExclusionFilters };
    if (mutability === 'IMMUTABLE') return pass('image tags are immutable', evidence);
    if (mutability === 'IMMUTABLE_WITH_EXCLUSION') {
      const excluded = repository.tagMutabilityExclusions.join(', ') || 'none listed';
      if (params.allowExclusionFilters) return pass(`image tags are immutable except those matching ${excluded}`, evidence);
      return fail(`repository ${repository.name} lets tags matching ${excluded} be overwritten`, evidence);
    }
    return fail(`repository ${repository.name} lets image tags be overwritten (${mutability})`, evidence);
  },
});
