/**
 * What RDS engines are and support. The RDS API also serves Amazon DocumentDB
 * and Amazon Neptune: their instances, clusters and snapshots come back from
 * the same describe calls, told apart only by engine (ElectricEye reported
 * them as RDS resources).
 */

/** Engines served by the RDS API that are not RDS; a prefix also catches variants such as docdb-elastic. */
const NON_RDS_ENGINE_PREFIXES = ['docdb', 'neptune'] as const;

/** False for DocumentDB and Neptune; an unreported engine is kept, so that the checks can say it is unknown. */
export function isRdsEngine(engine: string | undefined): boolean {
  if (engine === undefined) return true;
  const name = engine.toLowerCase();
  return !NON_RDS_ENGINE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Engines where IAM database authentication exists (RDS for MariaDB from 10.11, see below). */
export const IAM_AUTH_ENGINES = ['mysql', 'mariadb', 'postgres', 'aurora', 'aurora-mysql', 'aurora-postgresql'] as const;

/** RDS for MariaDB supports IAM database authentication from 10.11 on; older versions cannot turn it on. */
const MARIADB_IAM_AUTH_SINCE: readonly [number, number] = [10, 11];

/** Parses "10.6.14" to [10, 6]; undefined when the version is not reported or not numeric. */
export function majorMinor(version: string | undefined): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2])];
}

/** Undefined when the engine version can use IAM authentication, else why it cannot. */
export function iamAuthVersionGap(engine: string, version: string | undefined): string | undefined {
  if (engine !== 'mariadb') return undefined;
  const parsed = majorMinor(version);
  // An unreadable version is judged, not excused: the failure names the version it saw.
  if (!parsed) return undefined;
  const [major, minor] = parsed;
  const [sinceMajor, sinceMinor] = MARIADB_IAM_AUTH_SINCE;
  if (major > sinceMajor || (major === sinceMajor && minor >= sinceMinor)) return undefined;
  return `RDS for MariaDB ${version} cannot use IAM database authentication (MariaDB ${sinceMajor}.${sinceMinor} or later can)`;
}

/**
 * Engines whose DB instances can join a Microsoft Active Directory domain for
 * Kerberos authentication. Not RDS for MariaDB, not RDS Custom; Aurora joins
 * the domain at cluster level.
 */
export const KERBEROS_ENGINES = [
  'sqlserver-ee', 'sqlserver-se', 'sqlserver-ex', 'sqlserver-web',
  'oracle-ee', 'oracle-ee-cdb', 'oracle-se2', 'oracle-se2-cdb',
  'mysql', 'postgres',
  'db2-ae', 'db2-se',
] as const;
