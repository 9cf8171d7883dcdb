import { z } from 'zod';
import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ecsCollector, whyJudged, type EcsInventory, type TaskDefinitionItem } from '../collect.js';
import { compileRegistryPattern, matchesRegistry, parseImageReference } from '../image-reference.js';

/** The scanned account's own private ECR registries, in every region and partition, IPv4 and dual-stack. */
export const DEFAULT_TRUSTED_REGISTRIES = [
  '{account}.dkr.ecr.*.amazonaws.com',
  '{account}.dkr.ecr-fips.*.amazonaws.com',
  '{account}.dkr.ecr.*.amazonaws.com.cn',
  '{account}.dkr-ecr.*.on.aws',
];

const parameters = z
  .object({
    /** `host[:port][/path-prefix]`; `*` stands for part of one DNS label or path component; `{account}` for the scanned account. */
    trustedRegistries: z
      .array(z.string().trim().regex(/^[A-Za-z0-9.*:_{}-]+(\/[A-Za-z0-9.*_{}-]+)*\/?$/, 'host[:port][/path-prefix], e.g. "ghcr.io/my-org"'))
      .min(1)
      .default(DEFAULT_TRUSTED_REGISTRIES),
  })
  .strict();

type UntrustedImage = { container: string; image: string | null; registry: string | null; reason: string };

export default defineCheck<EcsInventory, TaskDefinitionItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ecs-task-definition-images-from-trusted-registries',
    service: 'ecs',
    title: 'ECS task definitions pull images only from trusted registries',
    description:
      'Flags a container whose image comes from a registry not in trustedRegistries (default: this account\'s own ECR in any region). An image without a registry host, such as nginx:latest, is Docker Hub (docker.io). Hammer trusted any *.amazonaws.com host, so any account\'s ECR; this check names the accounts. ECR Public and AWS-owned images (e.g. the FireLens image) are untrusted unless listed. Judges the latest active revision of each family and every revision a service runs.',
    severity: 'MEDIUM',
    resourceType: 'AwsEcsTaskDefinition',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Copy the listed images into your own ECR (or an ECR pull-through cache rule) and register a new revision that uses them, or add the registry to trustedRegistries if your organisation vets it, e.g. "ghcr.io/my-org" or "906394416424.dkr.ecr.*.amazonaws.com" for the AWS FireLens image.',
      url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html',
    },
    compliance: { nist: ['CM-7(5)'] },
  },
  collector: ecsCollector,
  parameters,
  select: (inventory) => inventory.taskDefinitions,
  evaluate(item, params, inventory) {
    const definition = need(item.definition, 'the task definition');
    if (definition.containers.length === 0) return notApplicable('the task definition has no containers');
    const patterns = params.trustedRegistries.map((p) => compileRegistryPattern(p, inventory.accountId));
    const untrusted = definition.containers.flatMap((container): UntrustedImage[] => {
      const reference = container.image === undefined ? undefined : parseImageReference(container.image);
      if (!reference) return [{ container: container.name, image: container.image ?? null, registry: null, reason: 'the image reference could not be parsed' }];
      if (patterns.some((pattern) => matchesRegistry(reference, pattern))) return [];
      return [{ container: container.name, image: container.image ?? null, registry: reference.registry, reason: 'the registry is not trusted' }];
    });
    if (untrusted.length === 0) return pass('every image comes from a trusted registry');
    const registries = [...new Set(untrusted.map((u) => u.registry ?? 'unparseable'))];
    return fail(`${item.ref.id} (${whyJudged(item)}) pulls image(s) from untrusted registr${registries.length > 1 ? 'ies' : 'y'} ${registries.join(', ')}`, {
      untrustedImages: untrusted,
      trustedRegistries: patterns.map((p) => p.text),
      latestActive: item.latestActive,
      services: item.services,
    });
  },
});
