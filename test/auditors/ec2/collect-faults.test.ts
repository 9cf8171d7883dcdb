/**
 * What moto cannot show: paginated security groups and prefix lists, a prefix
 * list refused or unknown, the listing of prefix lists refused. Injected with
 * aws-sdk-client-mock.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand, EC2Client, EC2ServiceException, GetManagedPrefixListEntriesCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { ec2NetworkCollector } from '../../../auditors/ec2/collect.js';
import publicPorts from '../../../auditors/ec2/checks/ec2-security-group-no-public-restricted-ports.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, REGION, task } from './fixtures.js';

function awsError(name: string, status: number): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (injected)` });
}

const sg = (id: string, port: number, ...prefixLists: string[]): SecurityGroup => ({
  GroupId: id, GroupName: id, VpcId: 'vpc-1', OwnerId: ACCOUNT,
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, PrefixListIds: prefixLists.map((PrefixListId) => ({ PrefixListId })) }],
  IpPermissionsEgress: [],
});

describe('ec2NetworkCollector with injected answers', () => {
  let clients: AwsClients;
  let ec2: AwsClientStub<EC2Client>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    ec2 = mockClient(clients.get(EC2Client));
    ctx = mockedContext(clients);
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [] });
    ec2.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: [] });
  });

  afterEach(() => {
    ec2.restore();
    clients.destroy();
  });

  it('follows the pages of security groups, prefix lists and their entries', async () => {
    // prepare
    ec2.on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [sg('sg-1', 22, 'pl-partners')], NextToken: 'g2' })
      .resolvesOnce({ SecurityGroups: [sg('sg-2', 3389, 'pl-partners', 'pl-office')] });
    ec2.on(DescribeManagedPrefixListsCommand)
      .resolvesOnce({ PrefixLists: [{ PrefixListId: 'pl-office', PrefixListName: 'office', OwnerId: ACCOUNT, AddressFamily: 'IPv4' }], NextToken: 'l2' })
      .resolvesOnce({ PrefixLists: [{ PrefixListId: 'pl-partners', PrefixListName: 'partners', OwnerId: '999988887777', AddressFamily: 'IPv6' }] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-partners' })
      .resolvesOnce({ Entries: [{ Cidr: 'fd00::/8' }], NextToken: 'e2' })
      .resolvesOnce({ Entries: [{ Cidr: '2600:1f18::/32' }] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-office' }).resolves({ Entries: [{ Cidr: '10.0.0.0/8' }] });

    // act
    const inventory = await ec2NetworkCollector.collect(ctx);
    const { results } = evaluateChecks(task([publicPorts]), inventory);

    // assert
    assert.deepEqual(inventory.securityGroups.map((g) => g.groupId), ['sg-1', 'sg-2']);
    assert.deepEqual(inventory.prefixLists, {
      'pl-office': { ok: true, value: { prefixListId: 'pl-office', name: 'office', ownerId: ACCOUNT, addressFamily: 'IPv4', cidrs: ['10.0.0.0/8'] } },
      'pl-partners': { ok: true, value: { prefixListId: 'pl-partners', name: 'partners', ownerId: '999988887777', addressFamily: 'IPv6', cidrs: ['fd00::/8', '2600:1f18::/32'] } },
    });
    assert.deepEqual(ec2.commandCalls(GetManagedPrefixListEntriesCommand).map((c) => c.args[0].input).filter((i) => i.PrefixListId === 'pl-partners'), [
      { PrefixListId: 'pl-partners', MaxResults: 100, NextToken: undefined },
      { PrefixListId: 'pl-partners', MaxResults: 100, NextToken: 'e2' },
    ]);
    assert.deepEqual(ec2.commandCalls(DescribeManagedPrefixListsCommand).map((c) => c.args[0].input.NextToken), [undefined, 'l2']);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['sg-1 FAILED', 'sg-2 FAILED']);
    assert.match(results[1]?.summary ?? '', /tcp\/3389 from prefix list pl-partners \(partners\): 2600:1f18::\/32$/);
  });

  it('a refused or unknown prefix list makes only the groups that reach restricted ports through it ERROR', async () => {
    // prepare
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [sg('sg-denied', 22, 'pl-denied'), sg('sg-gone', 5432, 'pl-gone'), sg('sg-https', 443, 'pl-denied'), sg('sg-ok', 22, 'pl-ok')],
    });
    ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [{ PrefixListId: 'pl-ok', PrefixListName: 'ok' }, { PrefixListId: 'pl-denied' }] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-denied' }).rejects(awsError('UnauthorizedOperation', 403));
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-gone' }).rejects(awsError('InvalidPrefixListID.NotFound', 400));
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-ok' }).resolves({ Entries: [{ Cidr: '8.8.8.0/24' }] });

    // act
    const inventory = await ec2NetworkCollector.collect(ctx);
    const { results } = evaluateChecks(task([publicPorts]), inventory);

    // assert
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['sg-denied ERROR', 'sg-gone ERROR', 'sg-https PASSED', 'sg-ok FAILED']);
    assert.match(results[0]?.summary ?? '', /prefix list pl-denied, which opens tcp\/22, could not be read: .*UnauthorizedOperation/);
    assert.match(results[1]?.summary ?? '', /prefix list pl-gone, which opens tcp\/5432, could not be read: .*InvalidPrefixListID\.NotFound/);
  });

  it('a refused listing of prefix lists leaves them unnamed; their entries still decide', async () => {
    // prepare
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [sg('sg-1', 22, 'pl-1'), sg('sg-2', 22, 'pl-empty')] });
    ec2.on(DescribeManagedPrefixListsCommand).rejects(awsError('UnauthorizedOperation', 403));
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-1' }).resolves({ Entries: [{ Cidr: '0.0.0.0/0' }] });

    // act
    const inventory = await ec2NetworkCollector.collect(ctx);
    const { results } = evaluateChecks(task([publicPorts]), inventory);

    // assert
    assert.deepEqual(inventory.prefixLists['pl-1'], { ok: true, value: { prefixListId: 'pl-1', cidrs: ['0.0.0.0/0'] } });
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status} ${r.severity}`), ['sg-1 FAILED HIGH', 'sg-2 PASSED HIGH']);
    assert.match(results[0]?.summary ?? '', /tcp\/22 from prefix list pl-1: 0\.0\.0\.0\/0$/);
  });

  it('a refused DescribeSecurityGroups fails the whole collection', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 403));
    await assert.rejects(() => ec2NetworkCollector.collect(ctx), /UnauthorizedOperation/);
  });
});
