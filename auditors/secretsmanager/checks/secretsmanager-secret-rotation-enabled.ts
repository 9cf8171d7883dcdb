import { defineCheck, fail, pass, type Evidence } from '../../../src/core/check.js';
import { secretsManagerCollector, type SecretItem, type SecretsManagerInventory } from '../collect.js';

export default defineCheck<SecretsManagerInventory, SecretItem>({
  meta: {
    id: 'secretsmanager-secret-rotation-enabled',
    service: 'secretsmanager',
    title: 'Secrets Manager secrets have automatic rotation enabled',
    description:
      'ElectricEye\'s "Is rotation enabled": a secret should rotate automatically on a schedule (a rotation Lambda function, or managed rotation by the service that owns it), so that a leaked value stops working. A secret never configured for rotation fails; the evidence gives the schedule of a rotating secret.',
    severity: 'MEDIUM',
    resourceType: 'AwsSecretsManagerSecret',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Turn on automatic rotation for the secret: choose or create a rotation Lambda function for its kind of credential (or use managed rotation where the owning service offers it) and a schedule, for example every 30 days, then confirm that the first rotation succeeds.',
      url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    },
    compliance: { fsbp: ['SecretsManager.1'], nist: ['AC-2(1)', 'AC-3(15)'] },
  },
  collector: secretsManagerCollector,
  select: (inventory) => inventory.secrets,
  evaluate(secret) {
    if (!secret.rotationEnabled) return fail(`secret ${secret.name} does not rotate automatically`, { RotationEnabled: false });
    const evidence: Evidence = { RotationEnabled: true };
    if (secret.rotationIntervalDays !== undefined) evidence.AutomaticallyAfterDays = secret.rotationIntervalDays;
    if (secret.rotationSchedule) evidence.ScheduleExpression = secret.rotationSchedule;
    if (secret.rotationLambdaArn) evidence.RotationLambdaARN = secret.rotationLambdaArn;
    if (secret.owningService) evidence.OwningService = secret.owningService;
    const schedule = secret.rotationSchedule ?? (secret.rotationIntervalDays !== undefined ? `every ${secret.rotationIntervalDays} days` : 'on a schedule');
    return pass(`the secret rotates automatically ${schedule}`, evidence);
  },
});
