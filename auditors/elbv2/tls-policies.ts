/**
 * The predefined TLS security policies of Application and Network Load
 * Balancers and the oldest TLS version each one accepts: the one place rampart
 * keeps them. A listener whose policy accepts TLS 1.2 or newer only is
 * acceptable; a policy missing here is an error for the check, never a guess,
 * until it is added.
 *
 * Sources (the "Security policies" tables, protocols by policy):
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 * Read 2026-11-30 (post-quantum "PQ-2025-09" policies included). ELBSecurityPolicy-2015-05 is listed for
 * Network Load Balancers only. `aws elbv2 describe-ssl-policies` lists the policies of a region.
 */

export const TLS_POLICIES_SOURCE = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html';
export const TLS_POLICIES_READ = '2026-11-30';

export type TlsVersion = '1.0' | '1.1' | '1.2' | '1.3';

/** The oldest TLS version each predefined policy accepts. */
export const MINIMUM_TLS_VERSION: Readonly<Record<string, TlsVersion>> = {
  'ELBSecurityPolicy-2015-05': '1.0',
  'ELBSecurityPolicy-2016-08': '1.0',
  'ELBSecurityPolicy-FS-2018-06': '1.0',
  'ELBSecurityPolicy-TLS13-1-0-2021-06': '1.0',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': '1.0',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': '1.0',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': '1.0',
  'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
  'ELBSecurityPolicy-FS-1-1-2019-08': '1.1',
  'ELBSecurityPolicy-TLS13-1-1-2021-06': '1.1',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': '1.1',
  'ELBSecurityPolicy-TLS-1-2-2017-01': '1.2',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': '1.2',
  'ELBSecurityPolicy-FS-1-2-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': '1.2',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': '1.2',
  'ELBSecurityPolicy-TLS13-1-3-2021-06': '1.3',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': '1.3',
  'ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07': '1.3',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': '1.3',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': '1.3',
};

/** The policies this file accepts: TLS 1.2 or newer only. */
export const ACCEPTABLE_TLS_POLICIES: readonly string[] = Object.entries(MINIMUM_TLS_VERSION).filter(([, v]) => v >= '1.2').map(([name]) => name);
