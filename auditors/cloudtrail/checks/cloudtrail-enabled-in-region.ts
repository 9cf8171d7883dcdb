import { z } from 'zod';
import { MissingInputError, defineCheck, fail, pass, type JsonValue } from '../../../src/core/check.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { cloudTrailCollector, type CloudTrailInventory, type TrailItem } from '../collect.js';

const parameters = z
  .object({
    /** Count only multi-Region trails, as CIS 3.1 and FSBP CloudTrail.1 do. */
    requireMultiRegionTrail: z.boolean().default(false),
    /** Count only trails that record both read and write management events, as CIS 3.1 and FSBP CloudTrail.1 do. */
    requireAllManagementEvents: z.boolean().default(false),
  })
  .strict();

type Params = z.infer<typeof parameters>;
type Assessment = { counts: true } | { counts: false; reason: string } | { counts: 'unknown'; reason: string };

function assess(trail: TrailItem, region: string, params: Params): Assessment {
  if (trail.homeRegion !== region && !trail.isMultiRegion) return { counts: false, reason: 'does not record this region' };
  if (params.requireMultiRegionTrail && !trail.isMultiRegion) return { counts: false, reason: 'is not a multi-Region trail' };
  if (!trail.status.ok) return { counts: 'unknown', reason: `status could not be read: ${trail.status.error}` };
  if (trail.status.value.isLogging === undefined) return { counts: 'unknown', reason: 'status did not say whether it is logging' };
  if (!trail.status.value.isLogging) return { counts: false, reason: 'is not logging' };
  if (!trail.managementEvents.ok) return { counts: 'unknown', reason: `event selectors could not be read: ${trail.managementEvents.error}` };
  const events = trail.managementEvents.value;
  if (events === 'None') return { counts: false, reason: 'records no management events' };
  if (params.requireAllManagementEvents && events !== 'All') return { counts: false, reason: `records only ${events} management events` };
  return { counts: true };
}

function trailEvidence(trail: TrailItem, assessment: Assessment): JsonValue {
  return {
    name: trail.name,
    arn: trail.arn,
    homeRegion: trail.homeRegion,
    multiRegion: trail.isMultiRegion,
    organizationTrail: trail.isOrganizationTrail,
    logging: trail.status.ok ? (trail.status.value.isLogging ?? null) : null,
    managementEvents: trail.managementEvents.ok ? trail.managementEvents.value : null,
    counts: assessment.counts,
    ...(assessment.counts === true ? {} : { reason: assessment.reason }),
  };
}

export default defineCheck<CloudTrailInventory, { ref: ResourceRef }, Params>({
  meta: {
    id: 'cloudtrail-enabled-in-region',
    service: 'cloudtrail',
    title: 'A CloudTrail trail records management events in every region',
    description:
      'Hammer cloudtrails and DD-AWS "CloudTrail enabled": the region passes when at least one trail that covers it (homed here, or a multi-Region trail, organization trails included, homed anywhere) is logging and records management events; a trail that records only data events does not count. Set requireMultiRegionTrail and requireAllManagementEvents for the stricter CIS 3.1 / FSBP CloudTrail.1 reading. The evidence lists every trail seen and why it does not count.',
    severity: 'HIGH',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Create a multi-Region trail that records read and write management events (or an organization trail), deliver it to a dedicated S3 bucket, and start logging; if a trail exists, start its logging (aws cloudtrail start-logging) and check its event selectors.',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
    },
    compliance: { fsbp: ['CloudTrail.1'], cis: ['3.1'], nist: ['AU-2', 'AU-3', 'AU-12'] },
  },
  collector: cloudTrailCollector,
  parameters,
  select: (inventory) => [inventory.account],
  evaluate(_account, params, inventory) {
    const assessed = inventory.trails.map((trail) => ({ trail, assessment: assess(trail, inventory.region, params) }));
    const trails = assessed.map(({ trail, assessment }) => trailEvidence(trail, assessment));
    const counting = assessed.filter(({ assessment }) => assessment.counts === true).map(({ trail }) => trail.name);
    const evidence = { region: inventory.region, requireMultiRegionTrail: params.requireMultiRegionTrail, requireAllManagementEvents: params.requireAllManagementEvents, trails };
    if (counting.length > 0) return pass(`management events in ${inventory.region} are recorded by ${counting.join(', ')}`, evidence);
    const unknown = assessed.flatMap(({ trail, assessment }) => (assessment.counts === 'unknown' ? [`${trail.name} ${assessment.reason}`] : []));
    if (unknown.length > 0) throw new MissingInputError(`cannot tell whether ${inventory.region} is recorded: no trail is known to, and trail ${unknown.join('; trail ')}`);
    if (assessed.length === 0) return fail(`no CloudTrail trail records events in ${inventory.region}: there is no trail at all`, evidence);
    const why = assessed.map(({ trail, assessment }) => `${trail.name} ${'reason' in assessment ? assessment.reason : ''}`);
    return fail(`no CloudTrail trail records management events in ${inventory.region}: ${why.join('; ')}`, evidence);
  },
});
