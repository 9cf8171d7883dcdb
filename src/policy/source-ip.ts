/**
 * Does an `aws:SourceIp` allow-list limit who can use a grant to everyone?
 * Two readings, chosen per check with the `sourceIp` parameter:
 *
 * - `aws` (default), AWS's definition used by S3 Block Public Access and IAM
 *   Access Analyzer: a range restricts when it is no wider than /8 (IPv4) or
 *   /32 (IPv6), private or public; "values broader than /8 for IPv4 and /32
 *   for IPv6 (excluding RFC1918 private ranges)" are public.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 * - `private-only`, Dow Jones Hammer's stricter reading: any public range is
 *   public, only ranges without a public address restrict.
 *
 * A list restricts only when every range in it does: the condition holds for
 * an address in any of them.
 */
import { isPublicCidr, parseCidr, type Cidr } from '../util/cidr.js';

export const SOURCE_IP_READINGS = ['aws', 'private-only'] as const;
export type SourceIpReading = (typeof SOURCE_IP_READINGS)[number];

/** The widest prefix AWS still counts as a fixed set of addresses. */
const WIDEST_PREFIX = { 4: 8, 6: 32 } as const;

function prefixLength(cidr: Cidr): number {
  const size = cidr.end - cidr.start + 1n;
  const hostBits = size.toString(2).length - 1;
  return (cidr.version === 4 ? 32 : 128) - hostBits;
}

/** Why one range does not restrict under the reading, or undefined when it does. */
function whyRangeIsOpen(range: string, reading: SourceIpReading): string | undefined {
  const cidr = parseCidr(range);
  if (!cidr) return `"${range}" is not an IP address or CIDR range`;
  // isPublicCidr is the project's one definition of "public" (the IANA special-purpose registries).
  const isPublic = isPublicCidr(range);
  if (reading === 'private-only') return isPublic ? `${range} is a public range` : undefined;
  // AWS exempts RFC 1918 ranges from the width rule. Every RFC 1918 block is /8 or narrower, so
  // for IPv4 that changes nothing; rampart extends the exemption to every range without a
  // public address (IPv6 unique-local fc00::/7, link-local fe80::/10), which no internet caller
  // can come from, so that "aws" is never stricter than "private-only".
  if (!isPublic) return undefined;
  const widest = WIDEST_PREFIX[cidr.version];
  const prefix = prefixLength(cidr);
  return prefix < widest ? `${range} (/${prefix}) is wider than /${widest}` : undefined;
}

const READING_RULE: Record<SourceIpReading, string> = {
  aws: 'sourceIp reading "aws": a range restricts when it is /8 (IPv4) or /32 (IPv6) or narrower, or holds no public address',
  'private-only': 'sourceIp reading "private-only": only ranges without a public address restrict',
};

export type SourceIpAssessment = { restricts: boolean; why: string };

export function assessSourceIpRanges(ranges: readonly string[], reading: SourceIpReading): SourceIpAssessment {
  const open = ranges.map((range) => whyRangeIsOpen(range, reading)).filter((why): why is string => why !== undefined);
  if (open.length > 0) return { restricts: false, why: `${open.join('; ')} (${READING_RULE[reading]})` };
  return { restricts: true, why: `every range restricts (${READING_RULE[reading]})` };
}
