/** rampart prune against the emulator: a dropped region and a moved home region, listed first, archived on --yes. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../../src/aws/clients.js';
import { useEmulator } from '../helpers/emulator.js';
import { hubFindings, runCli, scanArgs, tableRecords, tempDir } from '../helpers/cli.js';

async function seedRegion(clients: AwsClients): Promise<string> {
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
  const ec2 = clients.get(EC2Client);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-rdp', Description: 'x', VpcId: Vpc?.VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  return GroupId as string;
}

describe('rampart prune', () => {
  const aws = useEmulator();

  it('lists the findings of a dropped region and of an old home region, and archives them only with --yes', async () => {
    // prepare: two regions scanned, S3 at home in us-east-1
    const east = await seedRegion(aws.clients('us-east-1'));
    const west = await seedRegion(aws.clients('us-west-2'));
    await aws.clients().get(S3Client).send(new CreateBucketCommand({ Bucket: 'rampart-prune-bucket' }));
    const out = tempDir();
    const scan = await runCli(scanArgs(aws.endpoint, out, '--regions', 'us-east-1,us-west-2', '--home-region', 'us-east-1', '--services', 'ec2,s3'));
    assert.equal(scan.code, 0, scan.stderr);
    const base = ['prune', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--home-region', 'us-west-2', '--table-region', 'us-east-1'];
    // act: list only
    const listed = await runCli(base);
    // assert: the west region's findings and the S3 findings left in us-east-1 are listed, nothing changed
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /region us-west-2 is no longer scanned/);
    assert.match(listed.stdout, /global findings now live in the home region us-west-2, not us-east-1/);
    assert.match(listed.stdout, new RegExp(west));
    assert.doesNotMatch(listed.stdout, new RegExp(east));
    assert.match(listed.stdout, /run again with --yes/);
    assert.ok((await hubFindings(aws.clients())).every((f) => f.RecordState === 'ACTIVE'));
    // act: archive
    const applied = await runCli([...base, '--yes']);
    // assert
    assert.equal(applied.code, 0, applied.stderr);
    const hub = await hubFindings(aws.clients());
    const westFinding = (await hubFindings(aws.clients('us-west-2'))).find((f) => (f.Resources?.[0]?.Id ?? '').includes(west) && f.GeneratorId === 'ec2-security-group-no-public-restricted-ports');
    assert.equal(westFinding?.RecordState, 'ARCHIVED');
    assert.match(westFinding?.ProductFields?.['rampart/archiveReason'] ?? '', /pruned: region us-west-2 is no longer scanned/);
    const eastFinding = hub.find((f) => (f.Resources?.[0]?.Id ?? '').includes(east) && f.GeneratorId === 'ec2-security-group-no-public-restricted-ports');
    assert.equal(eastFinding?.RecordState, 'ACTIVE');
    assert.ok(hub.filter((f) => f.GeneratorId?.startsWith('s3-')).every((f) => f.RecordState === 'ARCHIVED'));
    const records = await tableRecords(aws.clients());
    assert.ok(records.filter((r) => r.region === 'us-west-2').every((r) => r.state === 'ARCHIVED'));
    // Nothing left to prune.
    assert.match((await runCli(base)).stdout, /nothing to prune/);
  });

  it('refuses --accounts without a role name, with one line naming the fix', async () => {
    const run = await runCli(['prune', '--endpoint-url', aws.endpoint, '--home-region', 'us-east-1', '--accounts', '111111111111']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--accounts needs --role-name/);
  });
});
