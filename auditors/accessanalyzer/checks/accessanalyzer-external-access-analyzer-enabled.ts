import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { accessAnalyzerCollector, type AccessAnalyzerAccountItem, type AccessAnalyzerInventory } from '../collect.js';

/** The analyzer types that find external access (the unused- and internal-access types do not). */
const EXTERNAL_ACCESS = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck<AccessAnalyzerInventory, AccessAnalyzerAccountItem>({
  meta: {
    id: 'accessanalyzer-external-access-analyzer-enabled',
    service: 'accessanalyzer',
    title: 'An IAM Access Analyzer external access analyzer is active in the region',
    description:
      'CIS 1.20 (Security Hub IAM.28 in its CIS v3.0 standard): one account-level finding per region, failing unless an analyzer of type ACCOUNT or ORGANIZATION is ACTIVE there. Analyzers are regional; unused-access and internal-access analyzers do not find external access and do not count. A region where Access Analyzer is not offered is not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Create an external access analyzer in every region you use (aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT), or an ORGANIZATION analyzer from the management or delegated administrator account, and review its findings.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
    },
    compliance: { cis: ['1.20'], nist: ['AC-6', 'CA-7'] },
  },
  collector: accessAnalyzerCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    const analyzers = account.analyzers.map((a) => ({ name: a.name, type: a.type ?? null, status: a.status ?? null, ...(a.statusReason ? { status_reason: a.statusReason } : {}) }));
    const active = analyzers.filter((a) => a.type !== null && EXTERNAL_ACCESS.has(a.type) && a.status === 'ACTIVE');
    if (active.length > 0) return pass(`${active.map((a) => `${a.name} (${a.type})`).join(', ')} is active`, { analyzers });
    const unknown = account.analyzers.filter((a) => a.type === undefined || a.status === undefined);
    if (unknown.length > 0) throw new MissingInputError(`the service did not report the type or status of analyzer ${unknown.map((a) => a.name).join(', ')}, so it cannot be judged`);
    const evidence = { analyzers, region: account.ref.region };
    if (analyzers.length === 0) return fail(`IAM Access Analyzer has no analyzer in ${account.ref.region}`, evidence);
    return fail(`no external access analyzer is active in ${account.ref.region}: ${analyzers.map((a) => `${a.name} is ${a.type} ${a.status}`).join(', ')}`, evidence);
  },
});
