/** Which instances the SSM agent checks can judge. */
import { notApplicable, type Verdict } from '../../src/core/check.js';
import type { Ec2InstanceItem, ManagedInstance } from './collect.js';

/**
 * The agent, association and patch checks judge running managed instances:
 * a stopped instance's agent cannot report, and an unmanaged instance is
 * already failed by ssm-instance-managed.
 */
export function managedAndRunning(item: Ec2InstanceItem): { managed: ManagedInstance } | { verdict: Verdict } {
  if (item.state !== 'running') return { verdict: notApplicable(`the instance is ${item.state}: Systems Manager reports on running instances`) };
  if (!item.managed) return { verdict: notApplicable('the instance is not managed by Systems Manager (see ssm-instance-managed)') };
  return { managed: item.managed };
}
