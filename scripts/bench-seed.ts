/**
 * Benchmark seeding: a large account in the emulator — security groups spread
 * over a few VPCs and S3 buckets with a mix of open and closed settings —
 * created with the AWS SDK at bounded concurrency. Not part of the measurement.
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DescribeSecurityGroupsCommand,
  EC2Client, type IpPermission,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, ListBucketsCommand, PutBucketAclCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../src/aws/clients.js';
import { pages } from '../src/aws/paginate.js';
import { createLimiter, mapLimited } from '../src/util/limit.js';

/**
 * Security groups per VPC. moto 5.2.1 enforces no per-VPC group quota (only 60
 * rules per group), but real accounts spread groups over VPCs, so the benchmark does too.
 */
export const GROUPS_PER_VPC = 500;

export interface SeedSpec {
  securityGroups: number;
  buckets: number;
  /** Requests in flight while seeding. */
  concurrency: number;
  /** Resources already seeded (growing an account seeded before): numbering continues after them. */
  offset?: { securityGroups: number; buckets: number; vpcs: number };
}

export interface SeedResult {
  vpcs: number;
  /** Seeded groups whose ingress is open to the internet on a restricted port. */
  openGroups: number;
  publicAclBuckets: number;
  publicPolicyBuckets: number;
  vpceOnlyPolicyBuckets: number;
}

const tcp = (port: number, cidr: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] });

/** The ingress of the i-th group (1-based): every 3rd SSH from anywhere, every 5th MySQL from a public /24, the rest closed. */
export function groupIngress(i: number): IpPermission[] {
  const rules: IpPermission[] = [];
  if (i % 3 === 0) rules.push(tcp(22, '0.0.0.0/0'));
  if (i % 5 === 0) rules.push(tcp(3306, '52.94.76.0/22'));
  if (rules.length > 0) return rules;
  if (i % 7 === 0) return []; // no ingress at all
  return i % 2 === 0 ? [tcp(443, '0.0.0.0/0')] : [tcp(22, '10.0.0.0/8')];
}

type BucketPolicyKind = 'public' | 'vpce-only' | 'none';

/** The j-th bucket (1-based): every 4th public-read ACL; policies rotate public, VPC-endpoint only, none. */
export function bucketSettings(j: number): { publicAcl: boolean; policy: BucketPolicyKind } {
  const kinds: BucketPolicyKind[] = ['public', 'vpce-only', 'none'];
  return { publicAcl: j % 4 === 0, policy: kinds[j % 3] as BucketPolicyKind };
}

function bucketPolicy(bucket: string, kind: Exclude<BucketPolicyKind, 'none'>): string {
  const statement = {
    Sid: kind === 'public' ? 'PublicRead' : 'VpcEndpointOnly',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${bucket}/*`,
    ...(kind === 'vpce-only' ? { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } } : {}),
  };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

const pad = (n: number): string => String(n).padStart(5, '0');

export async function seedBenchAccount(clients: AwsClients, spec: SeedSpec): Promise<SeedResult> {
  const ec2 = clients.get(EC2Client);
  const s3 = clients.get(S3Client);
  const limit = createLimiter(spec.concurrency);
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));

  const offset = spec.offset ?? { securityGroups: 0, buckets: 0, vpcs: 0 };
  const vpcCount = Math.ceil(spec.securityGroups / GROUPS_PER_VPC);
  const vpcIds = await mapLimited(Array.from({ length: vpcCount }, (_, v) => v), limit, async (v) => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${100 + offset.vpcs + v}.0.0/16` }));
    if (!Vpc?.VpcId) throw new Error('the emulator did not return a VPC id');
    return Vpc.VpcId;
  });

  let openGroups = 0;
  await mapLimited(Array.from({ length: spec.securityGroups }, (_, k) => offset.securityGroups + k + 1), limit, async (i) => {
    const VpcId = vpcIds[Math.floor((i - offset.securityGroups - 1) / GROUPS_PER_VPC)];
    const GroupName = `bench-sg-${pad(i)}`;
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName, Description: `rampart bench ${GroupName}`, VpcId }));
    if (!GroupId) throw new Error(`the emulator did not return an id for ${GroupName}`);
    const ingress = groupIngress(i);
    if (ingress.length > 0) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ingress }));
    if (i % 3 === 0 || i % 5 === 0) openGroups += 1;
  });

  const tally = { publicAclBuckets: 0, publicPolicyBuckets: 0, vpceOnlyPolicyBuckets: 0 };
  await mapLimited(Array.from({ length: spec.buckets }, (_, k) => offset.buckets + k + 1), limit, async (j) => {
    const Bucket = `rampart-bench-${pad(j)}`;
    const settings = bucketSettings(j);
    await s3.send(new CreateBucketCommand({ Bucket }));
    if (settings.publicAcl) {
      await s3.send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' }));
      tally.publicAclBuckets += 1;
    }
    if (settings.policy !== 'none') {
      await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: bucketPolicy(Bucket, settings.policy) }));
      if (settings.policy === 'public') tally.publicPolicyBuckets += 1;
      else tally.vpceOnlyPolicyBuckets += 1;
    }
  });
  return { vpcs: vpcCount, openGroups, ...tally };
}

export interface InventoryProbe {
  /** Every security group of the region, the VPC default groups included. */
  securityGroups: number;
  /** DescribeSecurityGroups pages the emulator serves at MaxResults 1000. */
  securityGroupPages: number;
  buckets: number;
  /** ListBuckets pages the emulator serves at MaxBuckets 1000. */
  bucketPages: number;
}

/** Counts what the scan will find and how many pages the emulator serves for it (the same page sizes as the collectors). */
export async function probeInventory(clients: AwsClients): Promise<InventoryProbe> {
  const ec2 = clients.get(EC2Client);
  const s3 = clients.get(S3Client);
  const probe: InventoryProbe = { securityGroups: 0, securityGroupPages: 0, buckets: 0, bucketPages: 0 };
  for await (const page of pages((NextToken) => ec2.send(new DescribeSecurityGroupsCommand({ NextToken, MaxResults: 1000 })), (p) => p.NextToken)) {
    probe.securityGroupPages += 1;
    probe.securityGroups += page.SecurityGroups?.length ?? 0;
  }
  for await (const page of pages((ContinuationToken) => s3.send(new ListBucketsCommand({ MaxBuckets: 1000, ContinuationToken })), (p) => p.ContinuationToken)) {
    probe.bucketPages += 1;
    probe.buckets += page.Buckets?.length ?? 0;
  }
  return probe;
}
