/** Region selection: explicit names are validated; `all` means every region enabled for the account. */
import { REGION_PATTERN } from '../config/schema.js';
import type { AwsClients } from './clients.js';
import { describeAwsError } from './errors.js';

export class RegionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegionError';
  }
}

export const REGION_PERMISSIONS = ['ec2:DescribeRegions'] as const;

export function validateRegions(regions: readonly string[], source: string): string[] {
  const bad = regions.filter((r) => !REGION_PATTERN.test(r));
  if (bad.length > 0) throw new RegionError(`${source}: ${bad.join(', ')} ${bad.length === 1 ? 'is not a region name' : 'are not region names'}: use names such as us-east-1, or all`);
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
