import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { RedshiftClusterItem, RedshiftInventory } from '../../../auditors/redshift/collect.js';
import { redshiftAuditor } from '../../../auditors/redshift/index.js';
import auditLogging from '../../../auditors/redshift/checks/redshift-cluster-audit-logging-enabled.js';
import encrypted from '../../../auditors/redshift/checks/redshift-cluster-encrypted.js';
import enhancedVpcRouting from '../../../auditors/redshift/checks/redshift-cluster-enhanced-vpc-routing.js';
import notPublic from '../../../auditors/redshift/checks/redshift-cluster-not-publicly-accessible.js';
import { KMS_KEY, S3_LOGGING, cluster, failed, inventory, task } from './fixtures.js';

function evaluate(check: Check<RedshiftInventory, RedshiftClusterItem, unknown>, item: RedshiftClusterItem): Verdict {
  return check.evaluate(item, check.parameters ? check.parameters.parse({}) : {}, inventory(item));
}

describe('redshift-cluster-not-publicly-accessible', () => {
  it('fails a publicly accessible cluster, naming its endpoint', () => {
    // prepare
    const item = cluster('open', { publiclyAccessible: true, elasticIp: '52.94.76.10' });

    // act
    const verdict = evaluate(notPublic, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, {
      PubliclyAccessible: true,
      endpoint: 'open.abc123.us-east-1.redshift.amazonaws.com',
      port: 5439,
      elasticIp: '52.94.76.10',
      vpcId: 'vpc-0a1b2c3d',
    });
  });

  it('passes a private cluster', () => {
    assert.equal(evaluate(notPublic, cluster('private')).status, 'PASSED');
  });

  it('an unreported PubliclyAccessible is an error, never a pass', () => {
    assert.throws(() => evaluate(notPublic, cluster('quiet', { publiclyAccessible: undefined })), MissingInputError);
  });
});

describe('redshift-cluster-encrypted', () => {
  it('fails an unencrypted cluster', () => {
    const verdict = evaluate(encrypted, cluster('plain', { encrypted: false, kmsKeyId: undefined }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { Encrypted: false });
  });

  it('passes a KMS-encrypted cluster and names the key', () => {
    const verdict = evaluate(encrypted, cluster('kms'));
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.evidence, { kmsKeyId: KMS_KEY });
  });

  it('passes an HSM-encrypted cluster that has no KMS key', () => {
    const verdict = evaluate(encrypted, cluster('hsm', { kmsKeyId: undefined }));
    assert.deepEqual([verdict.status, verdict.summary], ['PASSED', 'the cluster is encrypted']);
  });

  it('an unreported Encrypted flag is an error', () => {
    assert.throws(() => evaluate(encrypted, cluster('quiet', { encrypted: undefined })), /did not report Encrypted/);
  });
});

describe('redshift-cluster-enhanced-vpc-routing', () => {
  it('fails a cluster without enhanced VPC routing', () => {
    const verdict = evaluate(enhancedVpcRouting, cluster('internet-copy', { enhancedVpcRouting: false }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { EnhancedVpcRouting: false, vpcId: 'vpc-0a1b2c3d' });
  });

  it('passes a cluster with enhanced VPC routing', () => {
    assert.equal(evaluate(enhancedVpcRouting, cluster('routed')).status, 'PASSED');
  });

  it('an unreported EnhancedVpcRouting is an error', () => {
    assert.throws(() => evaluate(enhancedVpcRouting, cluster('quiet', { enhancedVpcRouting: undefined })), MissingInputError);
  });
});

describe('redshift-cluster-audit-logging-enabled', () => {
  it('fails a cluster with audit logging off', () => {
    const verdict = evaluate(auditLogging, cluster('silent', { logging: fetched({ enabled: false, logExports: [] }) }));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.LoggingEnabled, false);
  });

  it('passes delivery to S3, naming the bucket', () => {
    const verdict = evaluate(auditLogging, cluster('s3'));
    assert.deepEqual([verdict.status, verdict.summary], ['PASSED', 'audit logs are delivered to S3 bucket audit-logs']);
  });

  it('passes delivery to CloudWatch Logs with exported log types, and shows a delivery failure without failing', () => {
    // prepare
    const logging = { enabled: true, destination: 'cloudwatch', logExports: ['connectionlog', 'useractivitylog'], lastFailureMessage: 'throttled' };

    // act
    const verdict = evaluate(auditLogging, cluster('cw', { logging: fetched(logging) }));

    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.match(verdict.summary ?? '', /CloudWatch Logs \(connectionlog, useractivitylog\)/);
    assert.equal(verdict.evidence?.lastFailureMessage, 'throttled');
  });

  it('fails CloudWatch delivery that exports no log type (edge)', () => {
    const verdict = evaluate(auditLogging, cluster('cw-empty', { logging: fetched({ enabled: true, destination: 'cloudwatch', logExports: [] }) }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /exports no log type/);
  });

  it('a logging status that could not be read is an error', () => {
    assert.throws(() => evaluate(auditLogging, cluster('denied', { logging: failed() })), /the audit logging status could not be read: AccessDenied/);
  });
});

describe('redshift auditor', () => {
  it('a failed logging read makes only the logging check ERROR for that cluster', () => {
    // prepare
    const inv = inventory(cluster('denied', { logging: failed() }), cluster('fine', { logging: fetched(S3_LOGGING) }));

    // act
    const { results } = evaluateChecks(task(redshiftAuditor.checks), inv);

    // assert
    const notPassed = results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`);
    assert.deepEqual(notPassed, ['ERROR redshift-cluster-audit-logging-enabled denied']);
  });
});
