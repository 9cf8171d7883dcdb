/**
 * A local front for moto's Security Hub, for tests and the demo: an HTTP server on 127.0.0.1
 * that passes every request to moto unchanged (streamed both ways) except the Security Hub
 * operations moto lacks, which it serves itself in Security Hub's restJson1 wire format:
 *
 * - BatchUpdateFindings: Workflow, Note, Severity, VerificationState, Confidence, Criticality,
 *   Types, UserDefinedFields, RelatedFindings, kept as an overlay per (ProductArn, Id) that
 *   survives later imports; FindingNotFound / DuplicatedFindingIdentifier as UnprocessedFindings.
 * - GetFindings: moto's findings with the overlay laid on (Workflow NEW when none), then Filters
 *   (fields.ts and filters.ts give the fields and semantics), SortCriteria, MaxResults and NextToken.
 * - BatchImportFindings goes to moto; a NOTIFIED or RESOLVED finding is reopened (NEW) when an
 *   import turns it from ARCHIVED to ACTIVE or from PASSED to FAILED, WARNING or NOT_AVAILABLE.
 * - CreateActionTarget, DescribeActionTargets, UpdateActionTarget, DeleteActionTarget.
 * - CreateInsight, GetInsights, UpdateInsight, DeleteInsight, GetInsightResults (custom insights,
 *   at most 100 per account and region).
 *
 * A call is Security Hub's when its SigV4 credential scope names the service securityhub; the
 * region comes from the scope and the account from moto's STS (GetCallerIdentity with the
 * caller's own Authorization), so assumed-role keys get the role's account. State is per account
 * and region; POST /moto-api/reset clears it and resets moto.
 *
 * Beside Security Hub it serves what moto lacks elsewhere: AWS Backup assignments, region
 * settings and protected resources (backup.ts), IAM Access Analyzer analyzers, AppStream as an
 * unused service, SSM instance information and patch states from what its seeding route
 * POST /rampart-emulator/ssm/instances registered (ssm.ts), MSK answers with moto's
 * zone-less times marked UTC (kafka.ts), and the Shield Advanced subscription and Shield
 * Response Team access (shield.ts).
 *
 * Not implemented: managed insights; filters on fields outside fields.ts (an InvalidInputException
 * names the front), IpFilter and KeywordFilter; administrator accounts updating member findings;
 * FindingProviderFields bookkeeping; the "hub is not enabled" InvalidAccessException (like moto,
 * the front serves a disabled hub); ProcessedAt; the 240 KB finding size limit; EventBridge
 * events for custom actions. WorkflowState follows Workflow.Status by an assumed mapping
 * (NOTIFIED→ASSIGNED, SUPPRESSED→DEFERRED).
 *
 *   const front = await startSecurityHubFront({ upstream: 'http://127.0.0.1:5000' });
 *   // … point every SDK client at front.url …
 *   await front.close();
 */
export { startSecurityHubFront } from './securityhub-front/server.js';
export type { SecurityHubFront, SecurityHubFrontOptions } from './securityhub-front/server.js';
