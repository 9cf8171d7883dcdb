/**
 * Demo seed for the ELBv2 checks: an internet-facing Application Load Balancer
 * that serves plain HTTP, accepts TLS 1.0, writes no access logs and can be
 * deleted, and a compliant decoy beside it (HTTP only redirects to HTTPS).
 * Both sit in the default VPC's subnets, which the VPC seed already uses.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand, CreateLoadBalancerCommand, ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedElbv2(clients: AwsClients): Promise<SeedResult> {
  const elbv2 = clients.get(ElasticLoadBalancingV2Client);
  const subnets = await clients.get(EC2Client).send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
  const subnetIds = (subnets.Subnets ?? []).flatMap((s) => (s.SubnetId ? [s.SubnetId] : [])).slice(0, 2);
  if (subnetIds.length < 2) throw new Error('the emulator has no default subnets in two availability zones for the demo load balancers');
  // An IAM server certificate: the emulator then needs no ACM certificate (an ACM one would add nothing to check).
  const certificate = [{ CertificateArn: `arn:aws:iam::${clients.accountId}:server-certificate/demo-web` }];
  const create = async (Name: string): Promise<string> => {
    const { LoadBalancers } = await elbv2.send(new CreateLoadBalancerCommand({ Name, Subnets: subnetIds, Scheme: 'internet-facing', Type: 'application', Tags: [{ Key: 'owner', Value: 'web-team' }] }));
    const arn = LoadBalancers?.[0]?.LoadBalancerArn;
    if (!arn) throw new Error(`the emulator did not return an ARN for ${Name}`);
    return arn;
  };

  const exposed = 'demo-alb-exposed';
  const exposedArn = await create(exposed);
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: exposedArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'shop' } }] }));
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: exposedArn, Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-2016-08', Certificates: certificate, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] }));
  // The emulator leaves access_logs.s3.enabled out until it is set; AWS always reports it.
  await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: exposedArn, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'false' }, { Key: 'deletion_protection.enabled', Value: 'false' }] }));

  const secure = 'demo-alb-secure';
  const secureArn = await create(secure);
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: secureArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] }));
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: secureArn, Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', Certificates: certificate, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] }));
  await elbv2.send(new ModifyLoadBalancerAttributesCommand({
    LoadBalancerArn: secureArn,
    Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: `demo-alb-logs-${clients.accountId}` }, { Key: 'deletion_protection.enabled', Value: 'true' }],
  }));
  // ARNs, not names: a load balancer's ARN ends in an id after its name.
  return { insecure: [exposedArn], compliant: [secureArn] };
}
