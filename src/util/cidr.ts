/**
 * CIDR arithmetic for IPv4 and IPv6: is a range public, that is, does it hold
 * any globally reachable address?
 */
export interface Cidr {
  version: 4 | 6;
  start: bigint;
  end: bigint;
  text: string;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) + BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let address = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4).
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4Tail) {
    const v4 = parseIpv4(v4Tail[1] as string);
    if (v4 === undefined) return undefined;
    address = `${address.slice(0, -(v4Tail[1] as string).length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? (halves[0] as string).split(':') : [];
  const tail = halves.length === 2 && halves[1] ? (halves[1] as string).split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 && missing !== 0) return undefined;
  if (halves.length === 2 && missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) + BigInt(parseInt(group, 16));
  }
  return value;
}

export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const [address, prefixText] = trimmed.split('/');
  if (address === undefined) return undefined;
  const version: 4 | 6 = address.includes(':') ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const base = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (base === undefined) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return undefined;
  const hostBits = BigInt(bits - prefix);
  const mask = (1n << hostBits) - 1n;
  const start = base & ~mask & ((1n << BigInt(bits)) - 1n);
  return { version, start, end: start | mask, text: trimmed };
}

interface SpecialRange {
  cidr: string;
  name: string;
  /** The RFC the registry cites for the entry. */
  source: string;
}

/**
 * The entries of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * whose "Globally Reachable" is False, as the registries stand since their
 * latest entry (100:0:0:1::/64, 2025-04). Entries marked N/A or left blank are
 * not declared non-global and count as public unless a False block holds them:
 * 6to4 2002::/16 and the deprecated 6to4 relay 192.88.99.0/24 are public,
 * Teredo 2001::/32 and the deprecated ORCHID 2001:10::/28 are not (2001::/23).
 */
const NOT_GLOBALLY_REACHABLE: readonly SpecialRange[] = [
  { cidr: '0.0.0.0/8', name: '"This network"', source: 'RFC 791 section 3.2' },
  { cidr: '0.0.0.0/32', name: '"This host on this network"', source: 'RFC 1122 section 3.2.1.3' },
  { cidr: '10.0.0.0/8', name: 'Private-Use', source: 'RFC 1918' },
  { cidr: '100.64.0.0/10', name: 'Shared Address Space (carrier-grade NAT)', source: 'RFC 6598' },
  { cidr: '127.0.0.0/8', name: 'Loopback', source: 'RFC 1122 section 3.2.1.3' },
  { cidr: '169.254.0.0/16', name: 'Link Local', source: 'RFC 3927' },
  { cidr: '172.16.0.0/12', name: 'Private-Use', source: 'RFC 1918' },
  { cidr: '192.0.0.0/24', name: 'IETF Protocol Assignments', source: 'RFC 6890 section 2.1' },
  { cidr: '192.0.0.0/29', name: 'IPv4 Service Continuity Prefix', source: 'RFC 7335' },
  { cidr: '192.0.0.8/32', name: 'IPv4 dummy address', source: 'RFC 7600' },
  { cidr: '192.0.0.170/32', name: 'NAT64/DNS64 Discovery', source: 'RFC 8880, RFC 7050 section 2.2' },
  { cidr: '192.0.0.171/32', name: 'NAT64/DNS64 Discovery', source: 'RFC 8880, RFC 7050 section 2.2' },
  { cidr: '192.0.2.0/24', name: 'Documentation (TEST-NET-1)', source: 'RFC 5737' },
  { cidr: '192.88.99.2/32', name: '6a44-relay anycast address', source: 'RFC 6751' },
  { cidr: '192.168.0.0/16', name: 'Private-Use', source: 'RFC 1918' },
  { cidr: '198.18.0.0/15', name: 'Benchmarking', source: 'RFC 2544' },
  { cidr: '198.51.100.0/24', name: 'Documentation (TEST-NET-2)', source: 'RFC 5737' },
  { cidr: '203.0.113.0/24', name: 'Documentation (TEST-NET-3)', source: 'RFC 5737' },
  { cidr: '240.0.0.0/4', name: 'Reserved', source: 'RFC 1112 section 4' },
  { cidr: '255.255.255.255/32', name: 'Limited Broadcast', source: 'RFC 8190, RFC 919 section 7' },
  { cidr: '::1/128', name: 'Loopback Address', source: 'RFC 4291' },
  { cidr: '::/128', name: 'Unspecified Address', source: 'RFC 4291' },
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped Address', source: 'RFC 4291' },
  { cidr: '64:ff9b:1::/48', name: 'IPv4-IPv6 Translation (local use)', source: 'RFC 8215' },
  { cidr: '100::/64', name: 'Discard-Only Address Block', source: 'RFC 6666' },
  { cidr: '100:0:0:1::/64', name: 'Dummy IPv6 Prefix', source: 'RFC 9780' },
  { cidr: '2001::/23', name: 'IETF Protocol Assignments', source: 'RFC 2928' },
  { cidr: '2001:2::/48', name: 'Benchmarking', source: 'RFC 5180' },
  { cidr: '2001:db8::/32', name: 'Documentation', source: 'RFC 3849' },
  { cidr: '3fff::/20', name: 'Documentation', source: 'RFC 9637' },
  { cidr: '5f00::/16', name: 'Segment Routing (SRv6) SIDs', source: 'RFC 9602' },
  { cidr: 'fc00::/7', name: 'Unique-Local', source: 'RFC 4193, RFC 8190' },
  { cidr: 'fe80::/10', name: 'Link-Local Unicast', source: 'RFC 4291' },
];

/** The registries' globally reachable entries inside the blocks above: they win over their enclosing block. */
const GLOBALLY_REACHABLE_INSIDE: readonly SpecialRange[] = [
  { cidr: '192.0.0.9/32', name: 'Port Control Protocol Anycast', source: 'RFC 7723' },
  { cidr: '192.0.0.10/32', name: 'Traversal Using Relays around NAT Anycast', source: 'RFC 8155' },
  { cidr: '2001:1::1/128', name: 'Port Control Protocol Anycast', source: 'RFC 7723' },
  { cidr: '2001:1::2/128', name: 'Traversal Using Relays around NAT Anycast', source: 'RFC 8155' },
  { cidr: '2001:1::3/128', name: 'DNS-SD Service Registration Protocol Anycast', source: 'RFC 9665' },
  { cidr: '2001:3::/32', name: 'AMT', source: 'RFC 7450' },
  { cidr: '2001:4:112::/48', name: 'AS112-v6', source: 'RFC 7535' },
  { cidr: '2001:20::/28', name: 'ORCHIDv2', source: 'RFC 7343' },
  { cidr: '2001:30::/28', name: 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', source: 'RFC 9374' },
];

/**
 * Multicast is in neither registry (it has its own), but a multicast address
 * is never the source of a packet (RFC 1122 section 3.2.1.3, RFC 4291 section
 * 2.7), so a rule or condition that admits only multicast sources admits no
 * one from the internet: not public.
 */
const MULTICAST: readonly SpecialRange[] = [
  { cidr: '224.0.0.0/4', name: 'Multicast', source: 'RFC 5771' },
  { cidr: 'ff00::/8', name: 'Multicast', source: 'RFC 4291 section 2.7' },
];

interface Interval {
  version: 4 | 6;
  start: bigint;
  end: bigint;
}

/** Sorted, disjoint, with touching intervals joined (so a range spanning two adjacent blocks is covered). */
function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.version - b.version || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out.at(-1);
    if (last && last.version === next.version && next.start <= last.end + 1n) {
      if (next.end > last.end) last.end = next.end;
    } else {
      out.push({ ...next });
    }
  }
  return out;
}

function subtract(intervals: readonly Interval[], hole: Interval): Interval[] {
  return intervals.flatMap((range) => {
    if (range.version !== hole.version || hole.end < range.start || hole.start > range.end) return [range];
    const pieces: Interval[] = [];
    if (range.start < hole.start) pieces.push({ version: range.version, start: range.start, end: hole.start - 1n });
    if (hole.end < range.end) pieces.push({ version: range.version, start: hole.end + 1n, end: range.end });
    return pieces;
  });
}

const toInterval = (range: SpecialRange): Interval => {
  const cidr = parseCidr(range.cidr);
  if (!cidr) throw new Error(`unparseable special-purpose range ${range.cidr}`);
  return { version: cidr.version, start: cidr.start, end: cidr.end };
};

/** Every address that is not globally reachable, as disjoint intervals. */
const NON_PUBLIC: readonly Interval[] = GLOBALLY_REACHABLE_INSIDE.map(toInterval).reduce(
  subtract,
  merge([...NOT_GLOBALLY_REACHABLE, ...MULTICAST].map(toInterval)),
);

export const RFC1918_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * True when the range holds at least one globally reachable address (IANA
 * special-purpose registries, multicast excluded). Unparseable input counts as public.
 */
export function isPublicCidr(text: string): boolean {
  const cidr = parseCidr(text);
  if (!cidr) return true;
  return !NON_PUBLIC.some((range) => range.version === cidr.version && range.start <= cidr.start && cidr.end <= range.end);
}

/** 0.0.0.0/0 or ::/0 (any prefix length 0). */
export function isWorldOpen(text: string): boolean {
  const cidr = parseCidr(text);
  return cidr !== undefined && cidr.start === 0n && cidr.end === (cidr.version === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n);
}
