/**
 * The AWS region names rampart knows, and the shape of a region name. Pure
 * data: the CLI checks a name against it before any AWS call.
 *
 * Source: the region lists of the AWS SDK for JavaScript v3's partitions.json
 * (@aws-sdk/core 3.981.2), 2025-11. The European Sovereign Cloud (eusc-de-east-1)
 * is left out: rampart does not build ARNs for its partition. When AWS opens a
 * region, add it here.
 */

export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export const KNOWN_REGIONS: readonly string[] = [
  // aws
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1', 'sa-west-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  // aws-cn, aws-us-gov
  'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1',
  // aws-iso, aws-iso-b, aws-iso-e, aws-iso-f
  'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'us-isob-west-1', 'eu-isoe-west-1', 'us-isof-east-1', 'us-isof-south-1',
];

const KNOWN = new Set(KNOWN_REGIONS);

/** Edit distance, for "did you mean": a typo is one or two keys away. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known region closest to a name, when it is close enough to be a typo of it. */
export function closestRegion(name: string): string | undefined {
  let best: { region: string; d: number } | undefined;
  for (const region of KNOWN_REGIONS) {
    const d = distance(name, region);
    if (!best || d < best.d) best = { region, d };
  }
  return best && best.d <= 2 ? best.region : undefined;
}

export type RegionCheck = { ok: true } | { ok: false; why: string };

/**
 * Whether a name can be used as a region. `anyWellFormed` accepts a
 * well-formed name rampart does not know (with an endpoint override the
 * endpoint decides which regions exist).
 */
export function checkRegionName(name: string, anyWellFormed = false): RegionCheck {
  const typo = closestRegion(name);
  const hint = typo ? `did you mean ${typo}?` : 'use a name such as us-east-1 or eu-west-1';
  if (!REGION_PATTERN.test(name)) return { ok: false, why: `is not a region name: ${hint}` };
  if (KNOWN.has(name) || anyWellFormed) return { ok: true };
  return { ok: false, why: `is not an AWS region: ${hint}` };
}
