import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import flowLogsEnabled from '../../../auditors/vpc/checks/vpc-flow-logs-enabled.js';
import defaultVpcNotInUse from '../../../auditors/vpc/checks/vpc-default-vpc-not-in-use.js';
import networkAclAdminPorts from '../../../auditors/vpc/checks/vpc-network-acl-no-unrestricted-admin-ports.js';
import { allow, deny, eni, flowLog, nacl, task, vpc } from './fixtures.js';

const empty = { vpcs: [], networkAcls: [] };
type FlowParams = { trafficTypes: Array<'ALL' | 'ACCEPT' | 'REJECT'>; requireSuccessfulDelivery: boolean };
const flowDefaults = flowLogsEnabled.parameters?.parse({}) as FlowParams;
const defaultDefaults = defaultVpcNotInUse.parameters?.parse({}) as { failWhenUnused: boolean };

describe('vpc-flow-logs-enabled', () => {
  it('fails a VPC without any flow log', () => {
    // act
    const verdict = flowLogsEnabled.evaluate(vpc('vpc-1'), flowDefaults, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { flow_logs: [] });
  });

  it('passes a VPC with an active ALL or REJECT flow log', () => {
    assert.equal(flowLogsEnabled.evaluate(vpc('vpc-1', { flowLogs: [flowLog('fl-1')] }), flowDefaults, empty).status, 'PASSED');
    assert.equal(flowLogsEnabled.evaluate(vpc('vpc-1', { flowLogs: [flowLog('fl-1', { trafficType: 'REJECT' })] }), flowDefaults, empty).status, 'PASSED');
  });

  it('fails when the only flow logs do not count, saying why for each', () => {
    // prepare
    const weak = vpc('vpc-1', {
      flowLogs: [
        flowLog('fl-accept', { trafficType: 'ACCEPT' }),
        flowLog('fl-broken', { deliverLogsStatus: 'FAILED', deliverLogsError: 'Access error' }),
        flowLog('fl-off', { status: 'INACTIVE' }),
      ],
    });
    // act
    const verdict = flowLogsEnabled.evaluate(weak, flowDefaults, empty);
    // assert
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.flow_logs, [
      { flow_log_id: 'fl-accept', not_counted_because: 'traffic type ACCEPT (wanted REJECT or ALL)' },
      { flow_log_id: 'fl-broken', not_counted_because: 'delivery failing: Access error' },
      { flow_log_id: 'fl-off', not_counted_because: 'status INACTIVE' },
    ]);
  });

  it('edge: parameters widen what counts; a VPC shared by another account is not applicable; an unreported status is an ERROR', () => {
    const lenient = flowLogsEnabled.parameters?.parse({ trafficTypes: ['ACCEPT'], requireSuccessfulDelivery: false }) as FlowParams;
    assert.equal(flowLogsEnabled.evaluate(vpc('vpc-1', { flowLogs: [flowLog('fl-1', { trafficType: 'ACCEPT', deliverLogsStatus: 'FAILED' })] }), lenient, empty).status, 'PASSED');
    assert.equal(flowLogsEnabled.evaluate(vpc('vpc-1', { sharedBy: '999988887777' }), flowDefaults, empty).status, 'NOT_APPLICABLE');
    const { results } = evaluateChecks(task([flowLogsEnabled]), { vpcs: [vpc('vpc-2', { flowLogs: [flowLog('fl-1', { status: undefined })] })], networkAcls: [] });
    assert.equal(results[0]?.status, 'ERROR');
    assert.equal(flowLogsEnabled.parameters?.safeParse({ trafficTypes: [] }).success, false);
    assert.equal(flowLogsEnabled.parameters?.safeParse({ trafficTypes: ['SOME'] }).success, false);
  });
});

describe('vpc-default-vpc-not-in-use', () => {
  it('fails a default VPC with network interfaces, listing them', () => {
    // prepare
    const used = vpc('vpc-d', { isDefault: true, networkInterfaces: fetched([eni('eni-1', { instanceId: 'i-1', description: 'Primary network interface' })]) });
    // act
    const verdict = defaultVpcNotInUse.evaluate(used, defaultDefaults, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, {
      network_interface_count: 1,
      network_interfaces: [{ id: 'eni-1', type: 'interface', status: 'in-use', instance_id: 'i-1', description: 'Primary network interface' }],
    });
  });

  it('passes an unused default VPC, and only default VPCs are judged', () => {
    const unused = vpc('vpc-d', { isDefault: true, networkInterfaces: fetched([]) });
    assert.equal(defaultVpcNotInUse.evaluate(unused, defaultDefaults, empty).status, 'PASSED');
    assert.deepEqual(defaultVpcNotInUse.select({ vpcs: [unused, vpc('vpc-2')], networkAcls: [] }).map((v) => v.vpcId), ['vpc-d']);
  });

  it('edge: failWhenUnused flags any default VPC (ElectricEye); the evidence lists at most 20 interfaces; unreadable interfaces are an ERROR', () => {
    const strict = defaultVpcNotInUse.parameters?.parse({ failWhenUnused: true }) as { failWhenUnused: boolean };
    assert.equal(defaultVpcNotInUse.evaluate(vpc('vpc-d', { isDefault: true, networkInterfaces: fetched([]) }), strict, empty).status, 'FAILED');
    const busy = defaultVpcNotInUse.evaluate(vpc('vpc-d', { isDefault: true, networkInterfaces: fetched(Array.from({ length: 25 }, (_, i) => eni(`eni-${i}`))) }), defaultDefaults, empty);
    assert.equal(busy.status === 'FAILED' && busy.evidence.network_interface_count, 25);
    assert.equal(busy.status === 'FAILED' && (busy.evidence.network_interfaces as unknown[]).length, 20);
    const { results } = evaluateChecks(task([defaultVpcNotInUse]), { vpcs: [vpc('vpc-d', { isDefault: true, networkInterfaces: { ok: false, error: 'UnauthorizedOperation: no' } })], networkAcls: [] });
    assert.equal(results[0]?.status, 'ERROR');
  });
});

describe('vpc-network-acl-no-unrestricted-admin-ports', () => {
  const defaults = networkAclAdminPorts.parameters?.parse({}) as { ports: number[] };
  const denyAll = [deny(32767, '0.0.0.0/0'), deny(32768, '::/0')];
  const openRows = (verdict: ReturnType<typeof networkAclAdminPorts.evaluate>) =>
    verdict.status === 'PASSED' || verdict.status === 'FAILED' ? (verdict.evidence?.open as Array<{ port: number; protocol: string; source: string; rule_number: number }>).map((r) => `${r.source} ${r.protocol}/${r.port} #${r.rule_number}`) : [];

  it('fails the default allow-all entry, naming each port, protocol and the rule', () => {
    // prepare
    const acl = nacl('acl-default', [allow(100, '0.0.0.0/0'), allow(101, '::/0'), ...denyAll], { isDefault: true });

    // act
    const verdict = networkAclAdminPorts.evaluate(acl, defaults, empty);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(openRows(verdict), [
      '0.0.0.0/0 tcp/22 #100', '::/0 tcp/22 #101', '0.0.0.0/0 udp/22 #100', '::/0 udp/22 #101',
      '0.0.0.0/0 tcp/3389 #100', '::/0 tcp/3389 #101', '0.0.0.0/0 udp/3389 #100', '::/0 udp/3389 #101',
    ]);
    assert.match(verdict.status === 'FAILED' ? verdict.summary : '', /acl-default \(vpc-1\), the default of its VPC, lets the internet in: rule 100 allow all traffic from 0\.0\.0\.0\/0 opens tcp\/22, udp\/22, tcp\/3389, udp\/3389/);
  });

  it('fails a TCP port range that holds 3389, and only for that port and protocol', () => {
    // act
    const verdict = networkAclAdminPorts.evaluate(nacl('acl-1', [allow(100, '0.0.0.0/0', '6', [3000, 4000]), ...denyAll]), defaults, empty);

    // assert
    assert.deepEqual(openRows(verdict), ['0.0.0.0/0 tcp/3389 #100']);
  });

  it('passes when a deny of the whole internet comes before the allow, in rule-number order whatever the listing order', () => {
    // prepare
    const acl = nacl('acl-1', [allow(200, '0.0.0.0/0'), deny(100, '0.0.0.0/0', '6', [22, 22]), deny(110, '0.0.0.0/0', '-1'), allow(120, '::/0', '6', [443, 443]), ...denyAll]);

    // act
    const verdict = networkAclAdminPorts.evaluate(acl, defaults, empty);

    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual((verdict.status === 'PASSED' ? (verdict.evidence?.denied_by as Array<{ rule_number: number; port: number; protocol: string; source: string }>) : []).map((r) => `${r.source} ${r.protocol}/${r.port} #${r.rule_number}`), [
      '0.0.0.0/0 tcp/22 #100', '::/0 tcp/22 #32768', '0.0.0.0/0 udp/22 #110', '::/0 udp/22 #32768',
      '0.0.0.0/0 tcp/3389 #110', '::/0 tcp/3389 #32768', '0.0.0.0/0 udp/3389 #110', '::/0 udp/3389 #32768',
    ]);
  });

  it('edge: a deny after the allow does not protect; a deny of part of the internet does not either; narrower allows are not the internet', () => {
    // prepare
    const late = nacl('acl-late', [allow(100, '0.0.0.0/0', '6', [22, 22]), deny(200, '0.0.0.0/0', '6', [22, 22]), ...denyAll]);
    const partial = nacl('acl-partial', [deny(100, '8.8.8.0/24', '6', [22, 22]), allow(110, '0.0.0.0/0', '6', [22, 22]), ...denyAll]);
    const narrow = nacl('acl-narrow', [allow(100, '10.0.0.0/8', '6', [22, 22]), allow(110, '203.0.113.0/24', '-1'), ...denyAll]);

    // act
    const verdicts = [late, partial, narrow].map((acl) => networkAclAdminPorts.evaluate(acl, defaults, empty));

    // assert
    assert.deepEqual(verdicts.map((v) => v.status), ['FAILED', 'FAILED', 'PASSED']);
    assert.deepEqual(openRows(verdicts[1] as ReturnType<typeof networkAclAdminPorts.evaluate>), ['0.0.0.0/0 tcp/22 #110']);
  });

  it('edge: narrower entries that together hold every address decide before a later whole-internet allow', () => {
    // prepare
    const halves = nacl('acl-halves', [deny(100, '0.0.0.0/1', '6', [22, 22]), deny(101, '128.0.0.0/1', '6', [22, 22]), allow(200, '0.0.0.0/0', '6', [22, 22]), ...denyAll]);

    // act
    const verdict = networkAclAdminPorts.evaluate(halves, defaults, empty);

    // assert
    assert.equal(verdict.status, 'PASSED');
  });

  it('edge: ICMP and other protocols carry no TCP or UDP port; the ports parameter picks the ports', () => {
    // prepare
    const icmp = nacl('acl-icmp', [allow(100, '0.0.0.0/0', '1'), allow(110, '0.0.0.0/0', '50'), allow(120, '0.0.0.0/0', '6', [5432, 5432]), ...denyAll]);

    // act
    const byDefault = networkAclAdminPorts.evaluate(icmp, defaults, empty);
    const withDatabase = networkAclAdminPorts.evaluate(icmp, { ports: [5432] }, empty);

    // assert
    assert.equal(byDefault.status, 'PASSED');
    assert.deepEqual(openRows(withDatabase), ['0.0.0.0/0 tcp/5432 #120']);
    assert.throws(() => networkAclAdminPorts.parameters?.parse({ ports: [] }));
  });

  it('edge: an ACL shared by another account is not applicable; an entry without its action or rule number is an ERROR, never a pass', () => {
    // prepare
    const shared = nacl('acl-shared', [allow(100, '0.0.0.0/0')], { sharedBy: '210987654321' });
    const { ruleAction: _dropped, ...noAction } = allow(100, '0.0.0.0/0');
    const { direction: _unknown, ...noDirection } = deny(90, '0.0.0.0/0');

    // act
    const sharedVerdict = networkAclAdminPorts.evaluate(shared, defaults, empty);
    const { results } = evaluateChecks(task([networkAclAdminPorts]), { vpcs: [], networkAcls: [nacl('acl-x', [noAction]), nacl('acl-y', [noDirection, allow(100, '0.0.0.0/0')])] });

    // assert
    assert.equal(sharedVerdict.status, 'NOT_APPLICABLE');
    assert.deepEqual(results.map((r) => [r.resource.id, r.status]), [['acl-x', 'ERROR'], ['acl-y', 'ERROR']]);
    assert.match(results[0]?.summary ?? '', /did not report RuleAction for rule 100 of network ACL acl-x/);
  });
});
