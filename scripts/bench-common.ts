/** What the benchmark and its per-scan child process share. */

/** The Node flags the container runs rampart with (docker/entrypoint.sh): each measured scan runs with them too. */
export const CONTAINER_NODE_FLAGS = ['--optimize-for-size'] as const;

export type Phase = 'collect' | 'publish' | 'prior' | 'record';

/**
 * Collection calls: the inventory reads, i.e. every request but Security Hub, DynamoDB
 * and STS. EC2:DescribeRegions validates --regions (planning), so it is not one either.
 */
export function isScanRequest(key: string): boolean {
  return !/^(SecurityHub|DynamoDB|STS):/.test(key) && key !== 'EC2:DescribeRegions';
}

export interface BenchScanResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  peakRssBytes: number;
  requests: Record<string, number>;
  /** Per phase: first request sent → last answer received, in seconds. */
  wire: Partial<Record<Phase, number>>;
  importSends: number[];
  phases?: { collectMs: number; reconcileMs: number; publishMs: number; recordMs: number };
  resources?: number;
}

