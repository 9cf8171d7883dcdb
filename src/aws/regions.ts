/** Region selection: explicit names are validated; `all` means every region enabled for the account. */
import type { AwsClients } from './clients.js';
import { describeAwsError } from './errors.js';
import { checkRegionName } from './region-names.js';

export class RegionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegionError';
  }
}

export const REGION_PERMISSIONS = ['ec2:DescribeRegions'] as const;

/** How a value is named in a message: `--regions x`, `AWS_REGION=x`, `config homeRegion: x`. */
function named(source: string, value: string): string {
  if (/^[A-Z][A-Z0-9_]*$/.test(source)) return `${source}=${value}`;
  if (source.startsWith('config ')) return `${source}: ${value}`;
  return `${source} ${value}`;
}

export interface RegionCheckOptions {
  /** Accept a well-formed name rampart does not know: with an endpoint override the endpoint decides. */
  anyWellFormed?: boolean;
}

/** One region name, from `source` (a flag, an environment variable or a config field). */
export function validateRegion(name: string, source: string, options: RegionCheckOptions = {}): string {
  const check = checkRegionName(name, options.anyWellFormed);
  if (!check.ok) throw new RegionError(`${named(source, name)} ${check.why}`);
  return name;
}

/** A list of region names (duplicates dropped); `all` is the caller's to handle. */
export function validateRegions(regions: readonly string[], source: string, options: RegionCheckOptions = {}): string[] {
  for (const name of regions) {
    const check = checkRegionName(name, options.anyWellFormed);
    if (!check.ok) throw new RegionError(`${named(source, name)} ${check.why} (or all, for every enabled region)`);
  }
  return [...new Set(regions)];
}

export async function enabledRegions(clients: AwsClients): Promise<string[]> {
  // Imported on use: `rampart permissions` reads REGION_PERMISSIONS without loading the EC2 client.
  const { DescribeRegionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
  try {
    const response = await clients.get(EC2Client).send(new DescribeRegionsCommand({ AllRegions: false }));
    const names = (response.Regions ?? [])
      .filter((r) => r.OptInStatus === undefined || r.OptInStatus !== 'not-opted-in')
      .flatMap((r) => (r.RegionName ? [r.RegionName] : []))
      .sort();
    if (names.length === 0) throw new Error('DescribeRegions returned no region');
    return names;
  } catch (error) {
    throw new RegionError(`--regions all: the enabled regions cannot be listed (${describeAwsError(error).message}); name the regions instead`, { cause: error });
  }
}

/** Every region name of the caller's partition, or undefined when they cannot be listed. */
export async function partitionRegions(clients: AwsClients): Promise<Set<string> | undefined> {
  const { DescribeRegionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
  try {
    const response = await clients.get(EC2Client).send(new DescribeRegionsCommand({ AllRegions: true }));
    const names = new Set((response.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])));
    return names.size > 0 ? names : undefined;
  } catch {
    return undefined; // cannot list: the scan itself reports unreachable regions as collection errors
  }
}

/** The first region given, in order of precedence (e.g. flag, config, environment), checked and named by where it came from. */
export function firstGivenRegion(candidates: ReadonlyArray<readonly [source: string, value: string | undefined]>, options: RegionCheckOptions = {}): string | undefined {
  const given = candidates.find(([, value]) => value !== undefined && value !== '');
  return given ? validateRegion(given[1] ?? '', given[0], options) : undefined;
}
