import { z } from 'zod';
import { defineCheck, fail, MissingInputError, notApplicable, pass, reported } from '../../../src/core/check.js';
import { cloudFormationCollector, type CloudFormationInventory, type StackItem } from '../collect.js';

const DAY_MS = 86_400_000;

const parameters = z
  .object({
    /** An IN_SYNC answer older than this no longer says anything about the stack today. */
    maxDaysSinceCheck: z.number().int().min(1).max(3650).default(30),
  })
  .strict();

export default defineCheck<CloudFormationInventory, StackItem, z.infer<typeof parameters>>({
  meta: {
    id: 'cloudformation-stack-drift-checked-in-sync',
    service: 'cloudformation',
    title: 'CloudFormation stacks are checked for drift and in sync with their templates',
    description:
      "ElectricEye's drift detection row, kept current: flags a stack whose drift detection never ran (NOT_CHECKED), found resources changed outside CloudFormation (DRIFTED), or last said IN_SYNC more than maxDaysSinceCheck days ago (default 30). Out-of-band changes (a security group opened by hand) escape review and are undone or kept by the next update. Stacks awaiting their first change set are not applicable; a status the service did not report, or UNKNOWN, is an ERROR.",
    severity: 'LOW',
    resourceType: 'AwsCloudFormationStack',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Run drift detection on the stack (DetectStackDrift, or the console: Stack actions, Detect drift) on a schedule, for example with the AWS Config rule cloudformation-stack-drift-detection-check. For a drifted stack, review the changed resources: bring the template in line, or revert the change, or import it.',
      url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html',
    },
    compliance: {},
  },
  collector: cloudFormationCollector,
  parameters,
  select: (inventory) => inventory.stacks,
  evaluate(stack, params, inventory) {
    if (stack.status === 'REVIEW_IN_PROGRESS') return notApplicable('the stack holds only a change set not yet executed: it has no resources to drift');
    const drift = reported(stack.drift, 'DriftInformation', stack.name);
    const status = reported(drift.status, 'DriftInformation.StackDriftStatus', stack.name);
    const evidence = { StackDriftStatus: status, LastCheckTimestamp: drift.lastCheck ?? null, maxDaysSinceCheck: params.maxDaysSinceCheck };
    if (status === 'NOT_CHECKED') return fail(`drift detection has never run on stack ${stack.name} (NOT_CHECKED): changes made outside CloudFormation would go unseen`, evidence);
    if (status === 'DRIFTED') return fail(`stack ${stack.name} has drifted from its template (last checked ${drift.lastCheck ?? 'at an unreported time'})`, evidence);
    if (status !== 'IN_SYNC') throw new MissingInputError(`the service reports the drift status of stack ${stack.name} as ${status}, which says neither in sync nor drifted`);
    const lastCheck = reported(drift.lastCheck, 'DriftInformation.LastCheckTimestamp', stack.name);
    const ageMs = Date.parse(inventory.collectedAt) - Date.parse(lastCheck);
    if (Number.isNaN(ageMs)) throw new MissingInputError(`the drift check time ${lastCheck} of stack ${stack.name} is not a date`);
    const days = Math.floor((ageMs / DAY_MS) * 10) / 10;
    if (ageMs > params.maxDaysSinceCheck * DAY_MS) {
      return fail(`stack ${stack.name} was last found in sync ${days} days ago, more than ${params.maxDaysSinceCheck}: drift detection has not run since`, { ...evidence, daysSinceCheck: days });
    }
    return pass(`the stack was in sync with its template when checked ${days} day(s) ago`, { ...evidence, daysSinceCheck: days });
  },
});
