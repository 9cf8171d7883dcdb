/**
 * Demo seed for the EC2 security group checks: insecure groups and compliant
 * decoys. Two groups open only an application port to the internet, directly
 * and through a prefix list holding 0.0.0.0/0: only the authorized-ports check
 * (FSBP EC2.18) flags them.
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateManagedPrefixListCommand, CreateSecurityGroupCommand, CreateVpcCommand,
  DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupEgressCommand, type IpPermission,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

async function securityGroup(ec2: EC2Client, vpcId: string, name: string, ingress: IpPermission[]): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `rampart demo: ${name}`, VpcId: vpcId }));
  if (!GroupId) throw new Error(`the emulator did not return an id for ${name}`);
  if (ingress.length > 0) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ingress }));
  return GroupId;
}

const tcp = (port: number, cidrs: string[], cidrsV6: string[] = []): IpPermission => ({
  IpProtocol: 'tcp', FromPort: port, ToPort: port,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })), Ipv6Ranges: cidrsV6.map((CidrIpv6) => ({ CidrIpv6 })),
});

const fromPrefixList = (port: number, PrefixListId: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, PrefixListIds: [{ PrefixListId }] });

async function prefixList(ec2: EC2Client, name: string, cidrs: string[]): Promise<string> {
  const { PrefixList } = await ec2.send(new CreateManagedPrefixListCommand({ PrefixListName: name, AddressFamily: 'IPv4', MaxEntries: 10, Entries: cidrs.map((Cidr) => ({ Cidr })) }));
  if (!PrefixList?.PrefixListId) throw new Error(`the emulator did not return an id for the prefix list ${name}`);
  return PrefixList.PrefixListId;
}

export async function seedEc2(clients: AwsClients): Promise<SeedResult> {
  const ec2 = clients.get(EC2Client);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  const vpcId = Vpc?.VpcId as string;
  const insecure: string[] = [];
  const compliant: string[] = [];
  // SSH open to the world beside ranges that are fine: the demo's custom action revokes only the world range.
  insecure.push(await securityGroup(ec2, vpcId, 'demo-ssh-world', [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'temporary: vendor support' }, { CidrIp: '10.20.0.0/16', Description: 'this VPC' }] },
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'public web' }] },
  ]));
  insecure.push(await securityGroup(ec2, vpcId, 'demo-mysql-partner', [tcp(3306, ['52.94.76.0/22'])]));
  insecure.push(await securityGroup(ec2, vpcId, 'demo-all-traffic-ipv6', [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]));
  // A rule that references a prefix list opens its port to every CIDR in the list.
  const partners = await prefixList(ec2, 'demo-partner-offices', ['8.8.8.0/24', '10.0.0.0/8']);
  insecure.push(await securityGroup(ec2, vpcId, 'demo-ssh-partner-list', [fromPrefixList(22, partners)]));
  // ESP has no ports: AWS opens every port for protocols other than TCP, UDP, ICMP and ICMPv6. (The emulator needs ports -1.)
  insecure.push(await securityGroup(ec2, vpcId, 'demo-esp-world', [{ IpProtocol: '50', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]));
  insecure.push(await securityGroup(ec2, vpcId, 'demo-app-port-world', [tcp(8080, ['0.0.0.0/0'])]));
  const anywhere = await prefixList(ec2, 'demo-anywhere', ['0.0.0.0/0']);
  insecure.push(await securityGroup(ec2, vpcId, 'demo-app-port-anywhere-list', [fromPrefixList(8443, anywhere)]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-ssh-private', [tcp(22, ['10.0.0.0/8', '192.168.10.0/24'])]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-ssh-lab-ranges', [tcp(22, ['198.18.0.0/15', '203.0.113.0/24', '192.0.2.0/24'], ['2001:db8::/32'])]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-https-world', [tcp(443, ['0.0.0.0/0'], ['::/0'])]));
  compliant.push(await securityGroup(ec2, vpcId, 'demo-ping-world', [
    { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    { IpProtocol: '58', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
  ]));
  const internal = await prefixList(ec2, 'demo-internal-networks', ['10.0.0.0/8', '192.168.0.0/16']);
  compliant.push(await securityGroup(ec2, vpcId, 'demo-ssh-internal-list', [fromPrefixList(22, internal)]));
  // The AWS-managed S3 list holds public ranges, but on HTTPS only.
  const s3 = await ec2.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${clients.region}.s3`] }] }));
  const s3List = s3.PrefixLists?.[0]?.PrefixListId;
  if (s3List) compliant.push(await securityGroup(ec2, vpcId, 'demo-https-s3-list', [fromPrefixList(443, s3List)]));
  // The new VPC's default group is made compliant: its allow-all egress rule is removed.
  const defaults = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }));
  const defaultGroup = defaults.SecurityGroups?.[0];
  if (defaultGroup?.GroupId) {
    if ((defaultGroup.IpPermissionsEgress ?? []).length > 0) {
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissionsEgress }));
    }
    compliant.push(defaultGroup.GroupId);
  }

  return { insecure, compliant };
}
