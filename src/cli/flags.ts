/** The flag-value helpers every command shares: one way to read a list, a number or a choice. */
import { validateRegions, type RegionCheckOptions } from '../aws/regions.js';
import { UsageError } from './usage-error.js';

/** A comma-separated list, blanks dropped; undefined when the flag is not given. */
export const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

export function positiveInt(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} ${value}: expected a whole number from 1 to ${max}`);
  return n;
}

/** One of a fixed set of values, in any case (`--format JSON` is `json`); the allowed spelling is returned. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`${flag} ${value}: expected one of ${allowed.join(', ')}`);
  return match;
}

/** Each item of a comma-separated list is one of the allowed values (any case). */
export function someOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] {
  const items = list(value) ?? [];
  return items.map((item) => {
    const match = allowed.find((a) => a.toLowerCase() === item.toLowerCase());
    if (!match) throw new UsageError(`${flag} ${item}: expected a comma-separated list of ${allowed.join(', ')}`);
    return match;
  });
}

/** `--regions a,b` or `--region a` (the aws-cli's spelling), checked: a list, `all`, or undefined when neither is given. */
export function regionsFlag(regions: string | undefined, region: string | undefined, check: RegionCheckOptions): string[] | 'all' | undefined {
  if (regions !== undefined && region !== undefined) throw new UsageError('--region and --regions both given: they are the same option, give one of them');
  const flag = regions !== undefined ? '--regions' : '--region';
  const names = list(regions ?? region);
  if (names === undefined) return undefined;
  if (names.length === 0) throw new UsageError(`${flag}: give at least one region, such as us-east-1, or all`);
  if (names.length === 1 && names[0]?.toLowerCase() === 'all') return 'all';
  return validateRegions(names, flag, check);
}
