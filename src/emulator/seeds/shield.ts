/**
 * Demo seed for the Shield Advanced checks: the demo account subscribes (the
 * emulator's front keeps the subscription and the Shield Response Team's
 * access, which moto cannot show) without automatic renewal, authorises an SRT
 * role but no log bucket, and has one unprotected and one protected resource
 * of each kind Shield judges: public hosted zones, internet-facing Classic
 * load balancers and Elastic IPs in use. The demo's internet-facing ALBs
 * (elbv2's seed, which runs first) are the v2 pair: the exposed one stays
 * unprotected, the secure one is protected. CloudFront is left out of the demo
 * (moto's distribution summaries lack Enabled).
 */
import { AllocateAddressCommand, AssociateAddressCommand, CreateNetworkInterfaceCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { AssociateDRTRoleCommand, CreateProtectionCommand, CreateSubscriptionCommand, ShieldClient, UpdateSubscriptionCommand } from '@aws-sdk/client-shield';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const SRT_ROLE = 'demo-shield-response-team';

export async function seedShield(clients: AwsClients): Promise<SeedResult> {
  const shield = clients.get(ShieldClient);
  await shield.send(new CreateSubscriptionCommand({}));
  await shield.send(new UpdateSubscriptionCommand({ AutoRenew: 'DISABLED' }));
  const role = await clients.get(IAMClient).send(new CreateRoleCommand({
    RoleName: SRT_ROLE,
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'drt.shield.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  }));
  await shield.send(new AssociateDRTRoleCommand({ RoleArn: role.Role?.Arn }));
  const protect = (ResourceArn: string, Name: string) => shield.send(new CreateProtectionCommand({ Name, ResourceArn }));
  const { accountId, region } = clients;

  const route53 = clients.get(Route53Client);
  const zone = async (name: string): Promise<string> => ((await route53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: name }))).HostedZone?.Id ?? '').replace('/hostedzone/', '');
  const exposedZone = await zone('shop.demo.example');
  const guardedZone = await zone('www.demo.example');
  await protect(`arn:aws:route53:::hostedzone/${guardedZone}`, 'demo-zone');

  const elb = clients.get(ElasticLoadBalancingClient);
  const classic = async (name: string): Promise<void> => {
    await elb.send(new CreateClassicLoadBalancerCommand({ LoadBalancerName: name, Scheme: 'internet-facing', AvailabilityZones: [`${region}a`], Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }] }));
  };
  await classic('demo-legacy-exposed');
  await classic('demo-legacy-guarded');
  await protect(`arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/demo-legacy-guarded`, 'demo-legacy');

  const { LoadBalancers } = await clients.get(ElasticLoadBalancingV2Client).send(new DescribeLoadBalancersCommand({ Names: ['demo-alb-secure'] }));
  const secureAlb = LoadBalancers?.[0]?.LoadBalancerArn;
  if (!secureAlb) throw new Error('the Shield seed protects elbv2\'s demo-alb-secure, which is not there: seed elbv2 first');
  await protect(secureAlb, 'demo-alb');

  const ec2 = clients.get(EC2Client);
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.90.0.0/16' }))).Vpc?.VpcId;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.90.0.0/24', AvailabilityZone: `${region}a` }))).Subnet?.SubnetId;
  const address = async (): Promise<string> => {
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId }))).NetworkInterface?.NetworkInterfaceId;
    const allocation = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '';
    await ec2.send(new AssociateAddressCommand({ AllocationId: allocation, NetworkInterfaceId: eni }));
    return allocation;
  };
  const exposedAddress = await address();
  const guardedAddress = await address();
  await protect(`arn:aws:ec2:${region}:${accountId}:eip-allocation/${guardedAddress}`, 'demo-eip');

  return { insecure: [exposedZone, 'demo-legacy-exposed', exposedAddress], compliant: [guardedZone, 'demo-legacy-guarded', guardedAddress] };
}
