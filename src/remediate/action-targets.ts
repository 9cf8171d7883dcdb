/** rampart's custom action target in Security Hub, created or brought up to date (idempotent). */
import { CreateActionTargetCommand, DescribeActionTargetsCommand, SecurityHubClient, UpdateActionTargetCommand } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { collectPages } from '../aws/paginate.js';
import { partitionOf } from '../core/resource.js';
import { ACTION_TARGET_DESCRIPTION, ACTION_TARGET_ID, ACTION_TARGET_NAME, actionTargetArn } from './event.js';

export type ActionTargetChange = 'created' | 'updated' | 'unchanged';

export async function syncActionTarget(clients: AwsClients): Promise<{ arn: string; change: ActionTargetChange }> {
  const hub = clients.get(SecurityHubClient);
  const arn = actionTargetArn(partitionOf(clients.region), clients.region, clients.accountId, ACTION_TARGET_ID);
  const targets = await collectPages(
    (NextToken) => hub.send(new DescribeActionTargetsCommand({ NextToken })),
    (page) => page.NextToken,
    (page) => page.ActionTargets,
  );
  const existing = targets.find((t) => t.ActionTargetArn === arn);
  if (!existing) {
    await hub.send(new CreateActionTargetCommand({ Id: ACTION_TARGET_ID, Name: ACTION_TARGET_NAME, Description: ACTION_TARGET_DESCRIPTION }));
    return { arn, change: 'created' };
  }
  if (existing.Name === ACTION_TARGET_NAME && existing.Description === ACTION_TARGET_DESCRIPTION) return { arn, change: 'unchanged' };
  await hub.send(new UpdateActionTargetCommand({ ActionTargetArn: arn, Name: ACTION_TARGET_NAME, Description: ACTION_TARGET_DESCRIPTION }));
  return { arn, change: 'updated' };
}
