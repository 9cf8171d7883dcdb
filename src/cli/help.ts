/**
 * Every command's help text, apart from the commands: `rampart <command> --help`
 * and `rampart help <command>` print it without loading the command's module
 * (and with it the AWS SDK, zod or the auditors).
 */
import { DEFAULT_TABLE } from '../state/table-name.js';
import { VERSION } from '../version.js';

export const SCAN_HELP = `Usage: rampart scan [options]

Scans accounts and regions, publishes ASFF findings to Security Hub and the
DynamoDB record table, and writes optional report files.

Scope
  --regions <list|all>      regions to scan (comma-separated), or all enabled regions
                            (default: the config's regions, else the home region)
  --region <region>         the same as --regions (the aws-cli's spelling)
  --home-region <region>    region for global inventories (S3, IAM) and the record table
                            (default: the config's homeRegion, else AWS_REGION, else
                            the --profile's region, else the first of --regions)
  --services <list>         only these services (e.g. ec2,s3)
  --checks <list>           only these check ids
  --exclude-checks <list>   skip these check ids
Accounts and credentials
  --profile <name>          AWS profile for the base credentials (default chain otherwise)
  --role-arn <arn>          assume this role and scan its account
  --accounts <ids>          scan these accounts, assuming --role-name in each
  --role-name <name>        role to assume in each of --accounts
  --external-id <id>        external id for the assumed roles
  --endpoint-url <url>      endpoint for every AWS call (emulator or VPC endpoint);
                            AWS_ENDPOINT_URL is honoured too
Publishing
  --config <file>           JSON or YAML config file (see README)
  --table <name>            DynamoDB record table (default ${DEFAULT_TABLE})
  --create-table            create the record table when it is missing
  --no-securityhub          do not import findings into Security Hub
  --no-record               do not read or write the record table
  --no-publish-errors       keep ERROR results (NOT_AVAILABLE) out of Security Hub
  --publish <changed|all>   import only changed findings (default), or all
  --refresh-days <n>        re-import unchanged findings older than n days (default 7)
Output
  --output <list>           files to write: asff,ocsf,csv,html (default html,csv,asff)
  --out-dir <dir>           where files go (default: a new rampart-out/<UTC time> folder)
  --no-output               write no file
  --top <n>                 failing findings listed after the summary (default 10; 0: none)
  --fail-on <severity>      exit 4 when an unexempted FAILED finding is at or above
                            LOW|MEDIUM|HIGH|CRITICAL (for CI gates)
  --concurrency <n>         inventories collected at once (default 4)
  --no-progress             no progress display
  --log-format <text|json>  log line format (default text)
  --verbose                 debug logging

Exit codes: 0 done; 1 unexpected error; 2 bad input; 3 findings not published
or recorded; 4 --fail-on threshold reached; 5 scan incomplete (an inventory could
not be collected). When several hold: 4, then 3, then 5; a line names each.`;

export const RUN_HELP = `Usage: rampart run [scan options] [--summary-out <s3://bucket/key | file>]

The scheduled job: \`rampart scan\` with these options, then \`rampart report\` of
what it recorded (when the config has a reporting section). The exit code is
the worst of the steps: 1, then 2, then 4, 3, 5, 6. Then, when a check has
autoRemediate enabled, the grace-period fixes and warnings (rampart remediate --due).
Unlike scan, run writes no file unless --output asks (to --out-dir, default
./rampart-out): it is meant for a container.

  --summary-out <dest>      write one JSON summary of the run there (account,
                            status OK|ROLE_MISSING|ACCESS_DENIED|TIMEOUT|ERROR,
                            counts, exit code, times, message), also when the run
                            fails; one account per run (the org fan-out's children)

${SCAN_HELP.split('\n').slice(1).join('\n')}`;

export const CHECKS_HELP = `Usage: rampart checks [--format table|json|markdown] [--services <list>]

Lists every check: id, service, severity, title and compliance ids (json and
markdown: its parameters and, for a check that can be fixed, its remediation).`;

export const PERMISSIONS_HELP = `Usage: rampart permissions [--role audit|remediation|runner] [--format json] [--table-arn <arn>] [--audit-role-arns <list>] [--secret-arns <list>]
                           [--queue-arn <arn>] [--backup-bucket <name>] [--remediation-role-arns <list>]

Prints an IAM policy document generated from what every collector, fix and
publisher declares. audit (default): the role rampart uses in each scanned
account. remediation: the role it fixes with in each account where fixes are
allowed (every fix's calls, the re-check's reads, the finding's write-back).
runner: the task role in the account rampart runs in (needs --table-arn;
--secret-arns: the SSM parameters and secrets holding the reporting tokens;
for the remediation worker: --queue-arn, --backup-bucket, --remediation-role-arns).
--format json (the only format): the document as the infra/ stacks embed it.`;

export const REPORT_HELP = `Usage: rampart report [options]

Reads the record table and keeps one Jira ticket and one Slack message per
finding in step with it: created when a finding fails, commented or edited
when it changes, closed or resolved when it is fixed, deleted or exempted,
reopened when it fails again. An unchanged finding costs no call.

  --config <file>           the config with the reporting section (README: Reporting)
  --dry-run                 print every call it would make; change nothing
  --only <jira|slack>       report to one of the two
  --format <text|json>      json: one object per finding acted on, and the totals
  --table <name>            the record table (default ${DEFAULT_TABLE})
  --home-region <region>    where the record table is (default: config homeRegion, else AWS_REGION)
  --endpoint-url <url>      endpoint for the AWS calls (the emulator)
  --profile <name>          AWS profile for the record table

Environment: RAMPART_JIRA_URL, RAMPART_JIRA_EMAIL, RAMPART_JIRA_API_TOKEN,
RAMPART_SLACK_TOKEN, RAMPART_SLACK_API_URL (default Slack's).

Exit codes: 0 done; 2 a setting is missing or wrong (one line names it);
3 some findings could not be reported (pending, retried next run); 1 unexpected error.`;

export const ORG_REPORT_HELP = `Usage: rampart org-report --summaries <s3://bucket/prefix/ | dir> [options]

Reads every run summary (rampart run --summary-out) under the location and
writes one organization report: the accounts by status, the failed accounts
with their reason, and the expected accounts that left no summary (TIMEOUT).

  --summaries <loc>                    where the summaries are (*.json)
  --out <s3://bucket/key.json | file>  write the report as JSON there, the text
                                       beside it (.txt) and the verdict alone
                                       (.verdict.json, what the state machine reads)
  --tolerated-failure-percentage <n>   failed accounts tolerated, 0-100 (default 0)
  --expected-accounts <list>           the accounts that should have a summary:
                                       a,b,c, or s3://…/accounts.json or a file
                                       holding a JSON array of account ids
  --region <region>                    region of the S3 client (default AWS_REGION)
  --profile <name>                     AWS profile (default credential chain)
  --endpoint-url <url>                 endpoint for S3 (emulator); AWS_ENDPOINT_URL too

Exit codes: 0 the failed share is within the tolerance; 4 it is not (or no
summary was found); 2 bad input or a location that cannot be read; 3 the
report could not be written.`;

export const PRUNE_HELP = `Usage: rampart prune [options]

Lists the open findings (FAILED, PASSED, ERROR) of what the config no longer
watches: accounts and regions dropped from it, and global findings (S3, IAM)
left in a previous home region. With --yes, archives them in Security Hub
(RecordState ARCHIVED, the reason in the finding) and in the record table.
A scan never archives these by itself: it cannot tell a region dropped on
purpose from one it was not asked to scan this time.

  --config <file>           the config that says what is watched
  --regions <list|all>      the watched regions (default: the config's); --region too
  --home-region <region>    where global findings and the record table live
  --accounts <ids>          the watched accounts (default: the config's, else the caller's)
  --role-name <name>        role to assume in each account (also to archive a dropped account's findings)
  --external-id <id>        external id for the assumed roles
  --profile <name>          AWS profile for the base credentials
  --endpoint-url <url>      endpoint for every AWS call (emulator)
  --table <name>            the record table (default ${DEFAULT_TABLE})
  --table-region <region>   where the record table is (default: the home region; set it
                            when the home region moved but the table stayed)
  --yes                     archive what is listed (otherwise only list it)
  --no-securityhub          archive in the record table only, leaving Security Hub pending

Exit codes: 0 done; 2 bad input; 3 something could not be archived (it stays
listed, and pending, for the next prune).`;

const COMMON_HELP = `  --config <file>           the config (remediation section, checks, exemptions, reporting)
  --format <text|json>      json: one object per finding handled
  --table <name>            the record table (default ${DEFAULT_TABLE})
  --home-region <region>    where the record table and the backup bucket are (default: config homeRegion, else AWS_REGION)
  --endpoint-url <url>      endpoint for the AWS calls (the emulator)
  --profile <name>          AWS profile`;

const EXIT_HELP = `Exit codes: 0 every finding ended REMEDIATED, ALREADY_COMPLIANT or DRY_RUN;
6 at least one ended REFUSED, SKIPPED_UNVERIFIED or FAILED (each is recorded
with its reason: rampart remediations); 2 bad input (flags, config, a
malformed event); 1 unexpected error.`;

export const REMEDIATE_HELP = `Usage: rampart remediate (--event <file|-> | --finding <id> | --due) [options]

Fixes what a finding describes, fail closed: only a rampart finding that is in
the record table, in an account listed in remediation.accounts, not exempted,
and still failing when its resource is re-read live. The exact prior
configuration and the calls are backed up to remediation.backupBucket before
any change; \`rampart rollback <remediation-id>\` restores it.

  --event <file|->          a Security Hub custom-action event (EventBridge form), each finding handled on its own
  --finding <id>            one finding by its Id; asks for confirmation on a terminal
  --due                     the FAILED findings past checks.<id>.autoRemediate.afterDays (and the warnings due)
  --dry-run                 print the exact calls with their parameters; change nothing
  --yes                     do not ask for confirmation (--finding without a terminal needs it)
${COMMON_HELP}

${EXIT_HELP}`;

export const WORKER_HELP = `Usage: rampart worker [--queue-url <url>] [--once] [options]

Drains the remediation queue (EventBridge → SQS) and handles each custom-action
event as \`rampart remediate --event\` does. A message is deleted once every
finding in it has a final outcome; a transient failure leaves it to be
delivered again; after --max-receives deliveries the queue's dead-letter queue
takes it and the record says so.

  --queue-url <url>         the queue (default: config remediation.queueUrl)
  --once                    stop when the queue is empty (else run until SIGTERM)
  --max-receives <n>        deliveries before the dead-letter queue (default: the queue's redrive policy, else 5)
${COMMON_HELP}

${EXIT_HELP}`;

export const ROLLBACK_HELP = `Usage: rampart rollback <remediation-id> [options]

Restores exactly what a remediation changed, from its backup, then re-checks
and writes the finding back (FAILED again, workflow NEW, with a note). Running
it twice changes nothing the second time.

${COMMON_HELP}

Exit codes: 0 rolled back or already restored; 6 the rollback failed; 2 unknown id or bad input.`;

export const REMEDIATIONS_HELP = `Usage: rampart remediations [--finding <id>] [options]

The remediation history from the record table: who asked, the outcome and
why, the calls made, the backup, and any rollback.

  --finding <id>            only this finding's
${COMMON_HELP}`;

export const ACTIONS_HELP = `Usage: rampart actions sync [--regions r1,r2] [options]

Creates rampart's Security Hub custom action target (id RampartRemediate) in
each region, or brings its name and description up to date. Idempotent.

  --regions <list>          the regions (default: config regions, else the home region)
${COMMON_HELP}`;

export const INSIGHTS_HELP = `Usage: rampart insights sync [--dry-run] [options]
       rampart insights list [options]

rampart's Security Hub insights are data: one JSON file per insight in the
insights/ folder shipped with rampart (name, description, groupBy, filters).
Each is checked when loaded (at most 10 filter attributes of 20 values,
comparisons EQUALS, PREFIX, NOT_EQUALS, PREFIX_NOT_EQUALS, a string groupBy,
at most 100 insights). rampart's insights are the ones whose name starts with
"rampart: "; any other insight is left alone.

sync    creates what is missing, updates in place what differs (name, filters,
        group by), deletes rampart insights no longer defined; an insight in
        step costs no call. Per region, in the account of the credentials.
list    the definitions; with credentials or --endpoint-url, also the state of
        each in Security Hub: in-step, missing, differs, stale (rampart's, no
        longer defined: sync deletes it) or foreign (not rampart's).

  --dry-run                 sync: print what would change; change nothing
  --regions <list>          the regions (default: config regions, else the home region;
                            --region too;
                            with regions: all, the home region)
  --config <file>           the config (regions, homeRegion)
  --home-region <region>    where the credentials are checked (default: config homeRegion, else AWS_REGION)
  --endpoint-url <url>      endpoint for the AWS calls (the emulator)
  --profile <name>          AWS profile
  --dir <folder>            the definitions (default: the insights/ shipped with rampart)
  --offline                 list: the definitions only, no AWS call
  --format <text|json>      output

Exit codes: 0 in step, or synced; 3 a Security Hub call failed (each is
named); 2 bad input (a bad definition names its file and field); 1 unexpected.`;

export const DEMO_HELP = `Usage: rampart demo [--out-dir <dir>] [--keep]

Starts moto_server (installing moto[server] into .rampart/moto-venv when it is
missing), seeds an insecure demo account, scans it, publishes to the emulated
Security Hub and record table, writes report.html, findings.csv and
findings.asff.json, reports the findings to local Jira and Slack stand-ins, then
fixes one open security group through a custom-action event built from its real
finding and rolls the fix back. --keep leaves the emulator running and prints
how to scan it again from another shell.`;

export const INIT_INFRA_HELP = `Usage: rampart init-infra [--home-account <id>] [--region <region>] [--members <ids>] > rampart.infra.json

Prints a starting deployment config: the home account and region rampart runs
in, the member accounts it scans (one stack each), the schedule, the network,
the image, the roles (with a fresh external id), reporting secrets, remediation
and the organization fan-out, each explained in a "$comment" field. Then:
npm run synth -- --config rampart.infra.json; npm run deploy -- home.

  --home-account <id>   the account rampart runs in (default a placeholder)
  --region <region>     its region (default AWS_REGION, else us-east-1)
  --members <ids>       the accounts to scan, comma-separated (default: the home account)`;

export const MAIN_HELP = `rampart ${VERSION}: audits AWS accounts for security misconfigurations and
publishes ASFF findings to Security Hub and a DynamoDB record table.

Usage: rampart <command> [options]

Commands
  scan      scan accounts and regions, publish findings (rampart scan --help)
  checks    list the check catalogue (rampart checks --help)
  permissions  print the least-privilege IAM policies (rampart permissions --help)
  report    keep Jira tickets and Slack messages in step with the findings (rampart report --help)
  run       the scheduled job: scan, then report (rampart run --help)
  org-report  the verdict of an org-wide fan-out from the run summaries (rampart org-report --help)
  prune     archive findings of accounts and regions no longer watched (rampart prune --help)
  remediate fix what a custom action, a finding id or the grace period asks (rampart remediate --help)
  worker    drain the remediation queue (rampart worker --help)
  rollback  restore what a remediation changed (rampart rollback --help)
  remediations  the remediation history (rampart remediations --help)
  actions   create or update rampart's Security Hub custom action (rampart actions sync)
  insights  keep rampart's Security Hub insights in step with insights/*.json (rampart insights --help)
  demo      start the local emulator, seed an insecure account, scan it
  init-infra  print a starting deployment config for npm run synth (rampart init-infra --help)
  help      this text; rampart help <command> for a command's

  --version  print the version (also after a command: rampart scan --version)`;

/** The help of each command, by the name typed on the command line. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  scan: SCAN_HELP,
  run: RUN_HELP,
  checks: CHECKS_HELP,
  permissions: PERMISSIONS_HELP,
  report: REPORT_HELP,
  'org-report': ORG_REPORT_HELP,
  prune: PRUNE_HELP,
  remediate: REMEDIATE_HELP,
  worker: WORKER_HELP,
  rollback: ROLLBACK_HELP,
  remediations: REMEDIATIONS_HELP,
  actions: ACTIONS_HELP,
  insights: INSIGHTS_HELP,
  demo: DEMO_HELP,
  'init-infra': INIT_INFRA_HELP,
};
