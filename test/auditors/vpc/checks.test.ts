import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import flowLogsEnabled from '../../../auditors/vpc/checks/vpc-flow-logs-enabled.js';
import defaultVpcNotInUse from '../../../auditors/vpc/checks/vpc-default-vpc-not-in-use.js';
import { eni, flowLog, task, vpc } from './fixtures.js';

const empty = { vpcs: [] };
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
    const { results } = evaluateChecks(task([flowLogsEnabled]), { vpcs: [vpc('vpc-2', { flowLogs: [flowLog('fl-1', { status: undefined })] })] });
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
    assert.deepEqual(defaultVpcNotInUse.select({ vpcs: [unused, vpc('vpc-2')] }).map((v) => v.vpcId), ['vpc-d']);
  });

  it('edge: failWhenUnused flags any default VPC (ElectricEye); the evidence lists at most 20 interfaces; unreadable interfaces are an ERROR', () => {
    const strict = defaultVpcNotInUse.parameters?.parse({ failWhenUnused: true }) as { failWhenUnused: boolean };
    assert.equal(defaultVpcNotInUse.evaluate(vpc('vpc-d', { isDefault: true, networkInterfaces: fetched([]) }), strict, empty).status, 'FAILED');
    const busy = defaultVpcNotInUse.evaluate(vpc('vpc-d', { isDefault: true, networkInterfaces: fetched(Array.from({ length: 25 }, (_, i) => eni(`eni-${i}`))) }), defaultDefaults, empty);
    assert.equal(busy.status === 'FAILED' && busy.evidence.network_interface_count, 25);
    assert.equal(busy.status === 'FAILED' && (busy.evidence.network_interfaces as unknown[]).length, 20);
    const { results } = evaluateChecks(task([defaultVpcNotInUse]), { vpcs: [vpc('vpc-d', { isDefault: true, networkInterfaces: { ok: false, error: 'UnauthorizedOperation: no' } })] });
    assert.equal(results[0]?.status, 'ERROR');
  });
});
