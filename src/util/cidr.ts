/**
 * CIDR arithmetic for IPv4 and IPv6: is a range public (does it contain any
 * address outside the private, loopback, link-local and shared ranges)?
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

const NON_PUBLIC_TEXT = [
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', // RFC 1918
  '100.64.0.0/10', // shared address space (carrier-grade NAT)
  '127.0.0.0/8', '169.254.0.0/16', // loopback, link-local
  '::1/128', 'fc00::/7', 'fe80::/10', // IPv6 loopback, unique local, link-local
];
const NON_PUBLIC = NON_PUBLIC_TEXT.map((t) => parseCidr(t) as Cidr);

export const RFC1918_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;
}

/** True when the range holds at least one address reachable from the internet. Unparseable input counts as public. */
export function isPublicCidr(text: string): boolean {
  const cidr = parseCidr(text);
  if (!cidr) return true;
  return !NON_PUBLIC.some((range) => contains(range, cidr));
}

/** 0.0.0.0/0 or ::/0 (any prefix length 0). */
export function isWorldOpen(text: string): boolean {
  const cidr = parseCidr(text);
  return cidr !== undefined && cidr.start === 0n && cidr.end === (cidr.version === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n);
}
