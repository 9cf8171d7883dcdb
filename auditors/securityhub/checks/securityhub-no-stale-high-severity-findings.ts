import { z } from 'zod';
import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { MAX_FINDINGS, securityHubCollector, type SecurityHubAccountItem, type SecurityHubInventory } from '../collect.js';

const DAY_MS = 86_400_000;
/** Findings named in the evidence; the count is over all of them. */
const EXAMPLES = 5;

const parameters = z
  .object({
    /** An active HIGH or CRITICAL finding created more than this many days ago fails. */
    maxAgeDays: z.number().int().min(0).max(3650).default(30),
  })
  .strict();

export default defineCheck<SecurityHubInventory, SecurityHubAccountItem, z.infer<typeof parameters>>({
  meta: {
    id: 'securityhub-no-stale-high-severity-findings',
    service: 'securityhub',
    title: 'Security Hub holds no active HIGH or CRITICAL finding older than 30 days',
    description:
      'ElectricEye "Security Hub active findings": one account-level finding per region, failing when Security Hub holds findings of this account and region that are ACTIVE, unresolved (workflow NEW or NOTIFIED), HIGH or CRITICAL and created more than maxAgeDays (default 30) days ago, from any product but rampart (so it does not grade itself). The evidence counts them and names the oldest. A region where Security Hub is not enabled is not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Work through the listed findings: fix the resource, or set the finding\'s workflow to SUPPRESSED (accepted risk) or RESOLVED with a note; an automation rule can route new HIGH and CRITICAL findings to an owner.',
      url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/findings-workflow-status.html',
    },
    compliance: { nist: ['CA-7', 'RA-5', 'SI-2'] },
  },
  collector: securityHubCollector,
  parameters,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account, params, inventory) {
    if (!account.enabled) return notApplicable(`Security Hub is not enabled in ${account.ref.region}`);
    const now = Date.parse(inventory.collectedAt);
    const dated = account.findings.map((finding) => {
      const created = finding.createdAt === undefined ? Number.NaN : Date.parse(finding.createdAt);
      if (Number.isNaN(created)) throw new MissingInputError(`Security Hub finding ${finding.id} has no readable CreatedAt, so its age cannot be judged`);
      return { finding, created };
    });
    const stale = dated.filter((d) => now - d.created > params.maxAgeDays * DAY_MS);
    // The findings are read oldest first: when the read stopped at the cap, every stale one was not necessarily seen.
    const lowerBound = account.truncated && stale.length === dated.length;
    // Dates, not ages: the evidence changes when the findings do, not every day.
    const evidence = {
      max_age_days: params.maxAgeDays,
      stale_count: stale.length,
      ...(lowerBound ? { stale_count_is_lower_bound: true, findings_read: MAX_FINDINGS } : {}),
      oldest: stale.slice(0, EXAMPLES).map(({ finding }) => ({
        id: finding.id,
        product: finding.productName ?? null,
        title: finding.title ?? null,
        severity: finding.severity ?? null,
        created_at: finding.createdAt ?? null,
        resource: finding.resourceId ?? null,
      })),
    };
    if (stale.length === 0) return pass(`no active HIGH or CRITICAL finding is older than ${params.maxAgeDays} days`, evidence);
    const count = `${stale.length}${lowerBound ? ' or more' : ''}`;
    const oldest = stale[0]?.finding;
    return fail(`Security Hub in ${account.ref.region} holds ${count} active HIGH or CRITICAL finding(s) older than ${params.maxAgeDays} days; the oldest, created ${oldest?.createdAt}: ${oldest?.title ?? oldest?.id} (${oldest?.productName ?? 'unknown product'})`, evidence);
  },
});
