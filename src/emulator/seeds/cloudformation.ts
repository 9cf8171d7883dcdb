/**
 * Demo seed for the CloudFormation checks: a stack that tells nobody about
 * its events (it also makes the SNS topic the other uses), and a decoy whose
 * events go to that topic. The emulator reports no drift information and has
 * no drift detection, so the drift check is an ERROR there.
 */
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const topicTemplate = (name: string): string => JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: name } } } });

export async function seedCloudFormation(clients: AwsClients): Promise<SeedResult> {
  const cf = clients.get(CloudFormationClient);
  const topic = 'demo-stack-events';
  await cf.send(new CreateStackCommand({ StackName: 'demo-stack-unwatched', TemplateBody: topicTemplate(topic), Tags: [{ Key: 'owner', Value: 'platform-team' }] }));
  await cf.send(new CreateStackCommand({
    StackName: 'demo-stack-watched',
    TemplateBody: topicTemplate('demo-orders-alerts'),
    NotificationARNs: [`arn:aws:sns:${clients.region}:${clients.accountId}:${topic}`],
  }));
  return { insecure: ['demo-stack-unwatched'], compliant: ['demo-stack-watched'] };
}
