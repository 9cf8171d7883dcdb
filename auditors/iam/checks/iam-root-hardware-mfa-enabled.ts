import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { iamCollector, type IamAccountItem, type IamInventory } from '../collect.js';
import { readInput } from '../inputs.js';

export default defineCheck<IamInventory, IamAccountItem>({
  meta: {
    id: 'iam-root-hardware-mfa-enabled',
    service: 'iam',
    title: 'The root user\'s MFA is a hardware device, not a virtual one',
    description:
      'FSBP IAM.6 and CIS 1.6, stricter than iam-root-mfa-enabled: fails when the root user has no MFA (AccountMFAEnabled 0) or when a virtual MFA device (an authenticator app) is assigned to it, even beside a hardware one, since either then signs in. Hardware TOTP tokens and FIDO security keys pass. A member account whose root credentials were removed by centralized root access management fails too: exempt it.',
    severity: 'CRITICAL',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Sign in as the root user, assign a FIDO security key or hardware TOTP token under Security credentials, then remove the virtual MFA device listed in the finding.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    },
    compliance: { fsbp: ['IAM.6'], cis: ['1.6'], nist: ['IA-2(1)', 'IA-2(2)', 'IA-2(6)'] },
  },
  collector: iamCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    const enabled = reported(readInput(account.summary, 'the account summary').AccountMFAEnabled, 'AccountMFAEnabled in the account summary');
    if (enabled !== 1) return fail(`the root user of account ${account.ref.id} has no MFA device at all`, { AccountMFAEnabled: enabled, virtual_mfa_devices: [] });
    const virtual = readInput(account.rootVirtualMfaDevices, 'the virtual MFA devices');
    const evidence = { AccountMFAEnabled: enabled, virtual_mfa_devices: virtual.map((d) => ({ serial_number: d.serialNumber, enabled_at: d.enabledAt ?? null })) };
    if (virtual.length === 0) return pass('the root user has MFA and no virtual MFA device', evidence);
    return fail(`the root user of account ${account.ref.id} signs in with a virtual MFA device (${virtual.map((d) => d.serialNumber).join(', ')})`, evidence);
  },
});
