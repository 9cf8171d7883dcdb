/**
 * The Amazon EKS Kubernetes release calendar: the one place rampart keeps
 * when each Kubernetes minor version leaves standard and extended support.
 * Update it when AWS adds a version (about every four months) and bump
 * CALENDAR_READ.
 *
 * Source: "Amazon EKS Kubernetes release calendar",
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar
 * (its source file: github.com/awsdocs/amazon-eks-user-guide,
 * latest/ug/versioning/kubernetes-versions.adoc; 1.27 and 1.28 from an earlier
 * revision of that table, 1.35 as the table lists it in AWS's
 * aws-samples/sample-apex-skills EKS version calendar, verified there 2026-04-24).
 * The dates are UTC: a version leaves standard support at the start (00:00 UTC)
 * of its end-of-standard-support day, when extended-support billing starts.
 */

export const CALENDAR_SOURCE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar';
/** The day the calendar below was read from its source. */
export const CALENDAR_READ = '2026-11-30';

export interface SupportDates {
  /** First day (UTC) the version is no longer in standard support. */
  endOfStandardSupport: string;
  /** First day (UTC) the version is no longer supported at all (clusters are then upgraded by AWS). */
  endOfExtendedSupport: string;
}

export const SUPPORT_CALENDAR: Readonly<Record<string, SupportDates>> = {
  '1.27': { endOfStandardSupport: '2024-07-24', endOfExtendedSupport: '2025-07-24' },
  '1.28': { endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26' },
  '1.29': { endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  '1.30': { endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  '1.31': { endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  '1.32': { endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  '1.33': { endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  '1.34': { endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  '1.35': { endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
};
