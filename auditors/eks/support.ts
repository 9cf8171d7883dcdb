/**
 * Where a Kubernetes minor version stands in the EKS support cycle at a given
 * time, from the calendar in support-calendar.ts. Pure: the time is passed in.
 *
 * A version missing from the calendar is bounded by its neighbours: EKS
 * releases minor versions in order, each with the same 14 + 12 months of
 * support, so its end dates lie between those of the nearest listed versions
 * below and above it (a version older than every listed one ended no later
 * than the oldest; a newer one ends no earlier than the newest). When the
 * bounds decide, the answer is as sure as for a listed version; when they do
 * not, it is "unknown", which the check judges as not shown to be in standard
 * support.
 */
import { CALENDAR_READ, SUPPORT_CALENDAR, type SupportDates } from './support-calendar.js';

export type SupportStatus =
  | { status: 'standard'; endOfStandardSupport: string | null; atLeastUntil: string | null }
  | { status: 'past-standard'; endOfStandardSupport: string | null; endOfExtendedSupport: string | null; extendedSupport: 'active' | 'ended' | 'unknown' }
  | { status: 'unknown'; why: string };

/** [major, minor] of "1.29" or "1.29.3"; undefined for anything else. */
export function parseMinorVersion(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

const compare = (a: [number, number], b: [number, number]): number => a[0] - b[0] || a[1] - b[1];

/** Milliseconds of the start (00:00 UTC) of a calendar day. */
const dayStart = (day: string | null, otherwise: number): number => (day === null ? otherwise : Date.parse(`${day}T00:00:00Z`));

interface Bounds {
  /** The listed day, when the version is listed. */
  day: string | null;
  /** The support certainly lasts until this day (the listed day, or the lower neighbour's). */
  surelyUntil: string | null;
  /** The support certainly ended by this day (the listed day, or the upper neighbour's). */
  surelyEndedBy: string | null;
}

function bounds(version: [number, number], field: keyof SupportDates, calendar: Readonly<Record<string, SupportDates>>): Bounds {
  const listed = Object.entries(calendar)
    .map(([name, dates]) => ({ version: parseMinorVersion(name), day: dates[field] }))
    .filter((e): e is { version: [number, number]; day: string } => e.version !== undefined)
    .sort((a, b) => compare(a.version, b.version));
  const exact = listed.find((e) => compare(e.version, version) === 0);
  if (exact) return { day: exact.day, surelyUntil: exact.day, surelyEndedBy: exact.day };
  const below = listed.filter((e) => compare(e.version, version) < 0).at(-1);
  const above = listed.find((e) => compare(e.version, version) > 0);
  return { day: null, surelyUntil: below?.day ?? null, surelyEndedBy: above?.day ?? null };
}

export function supportStatus(version: string, at: string, calendar: Readonly<Record<string, SupportDates>> = SUPPORT_CALENDAR): SupportStatus {
  const parsed = parseMinorVersion(version);
  if (!parsed) return { status: 'unknown', why: `"${version}" is not a Kubernetes minor version` };
  const now = Date.parse(at);
  if (Number.isNaN(now)) throw new Error(`the scan time ${at} is not a date`);
  const standard = bounds(parsed, 'endOfStandardSupport', calendar);
  const extended = bounds(parsed, 'endOfExtendedSupport', calendar);
  if (now < dayStart(standard.surelyUntil, -Infinity)) {
    return { status: 'standard', endOfStandardSupport: standard.day, atLeastUntil: standard.surelyUntil };
  }
  if (now < dayStart(standard.surelyEndedBy, Infinity)) {
    return { status: 'unknown', why: `Kubernetes ${version} is not in rampart's EKS support calendar (read ${CALENDAR_READ}), and the versions around it do not show whether it is still in standard support` };
  }
  const extendedSupport = now < dayStart(extended.surelyUntil, -Infinity) ? 'active' : now >= dayStart(extended.surelyEndedBy, Infinity) ? 'ended' : 'unknown';
  return { status: 'past-standard', endOfStandardSupport: standard.day, endOfExtendedSupport: extended.day, extendedSupport };
}
