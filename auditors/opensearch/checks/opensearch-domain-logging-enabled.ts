import { z } from 'zod';
import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { openSearchCollector, type OpenSearchDomainItem, type OpenSearchInventory } from '../collect.js';

const LOG_TYPES = ['ES_APPLICATION_LOGS', 'AUDIT_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS'] as const;

const parameters = z
  .object({
    /** Every listed log type must be published to CloudWatch Logs. Error (application) logs and audit logs by default. */
    requiredLogTypes: z.array(z.enum(LOG_TYPES)).min(1).default(['ES_APPLICATION_LOGS', 'AUDIT_LOGS']),
  })
  .strict();

export default defineCheck<OpenSearchInventory, OpenSearchDomainItem, z.infer<typeof parameters>>({
  meta: {
    id: 'opensearch-domain-logging-enabled',
    service: 'opensearch',
    title: 'OpenSearch domains publish error and audit logs',
    description:
      'Hammer flagged Elasticsearch domains without log publishing; modernised, the domain must publish to CloudWatch Logs every log type in requiredLogTypes: by default error (ES_APPLICATION_LOGS) and audit logs (AUDIT_LOGS, which need fine-grained access control), as Security Hub Opensearch.4 and Opensearch.5 require. Slow logs alone do not pass. A domain that reports no log publishing options publishes none.',
    severity: 'MEDIUM',
    resourceType: 'AwsOpenSearchServiceDomain',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Create CloudWatch Logs log groups with a resource policy that lets OpenSearch Service write, then enable error log and audit log publishing for the domain (audit logs need fine-grained access control, and audit logging turned on in OpenSearch Dashboards).',
      url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html',
    },
    compliance: { fsbp: ['Opensearch.4', 'Opensearch.5'], nist: ['AU-2', 'AU-3', 'AU-12'] },
  },
  collector: openSearchCollector,
  parameters,
  select: (inventory) => inventory.domains,
  evaluate(domain, params) {
    // AWS omits LogPublishingOptions when nothing is configured: a map of configured log types, empty here.
    const options = domain.status.LogPublishingOptions ?? {};
    const published = LOG_TYPES.filter((type) => options[type]?.Enabled === true);
    const missing = params.requiredLogTypes.filter((type) => !published.includes(type));
    const evidence = {
      published: published.map((type) => ({ logType: type, logGroup: options[type]?.CloudWatchLogsLogGroupArn ?? null })),
      missing,
      requiredLogTypes: params.requiredLogTypes,
    };
    if (missing.length > 0) return fail(`OpenSearch domain ${domain.name} does not publish ${missing.join(', ')}`, evidence);
    return pass(`the domain publishes ${params.requiredLogTypes.join(', ')} to CloudWatch Logs`, evidence);
  },
});
