import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { guardDutyCollector, type GuardDutyAccountItem, type GuardDutyInventory } from '../collect.js';

export default defineCheck<GuardDutyInventory, GuardDutyAccountItem>({
  meta: {
    id: 'guardduty-enabled',
    service: 'guardduty',
    title: 'GuardDuty is enabled in the region',
    description:
      'ElectricEye "Is GuardDuty enabled", FSBP GuardDuty.1: one account-level finding per region, failing when the region has no GuardDuty detector or only a suspended (DISABLED) one. GuardDuty is regional: each region needs its own detector. A region where GuardDuty is not offered is not judged.',
    severity: 'HIGH',
    resourceType: 'AwsAccount',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Enable GuardDuty in every region you use (aws guardduty create-detector --enable, or resume a suspended detector with update-detector --enable); in an organization, let the delegated administrator enable it for all member accounts.',
      url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
    },
    compliance: { fsbp: ['GuardDuty.1'], nist: ['SI-4', 'CA-7', 'AU-6(1)'] },
  },
  collector: guardDutyCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    const detectors = account.detectors.map(({ detectorId, detail }) => ({ detector_id: detectorId, status: detail.ok ? (detail.value.status ?? null) : null, ...(detail.ok ? {} : { error: detail.error }) }));
    const enabled = detectors.filter((d) => d.status === 'ENABLED');
    if (enabled.length > 0) return pass(`detector ${enabled.map((d) => d.detector_id).join(', ')} is enabled`, { detectors });
    // A detector whose status is unknown may be the enabled one.
    const unknown = detectors.filter((d) => d.status === null);
    if (unknown.length > 0) throw new MissingInputError(`the status of GuardDuty detector ${unknown.map((d) => d.detector_id).join(', ')} could not be read${unknown[0]?.error ? `: ${unknown[0].error}` : ''}`);
    if (detectors.length === 0) return fail(`GuardDuty has no detector in ${account.ref.region}: it is not enabled there`, { detectors, region: account.ref.region });
    return fail(`GuardDuty is suspended in ${account.ref.region}: detector ${detectors.map((d) => `${d.detector_id} is ${d.status ?? 'unknown'}`).join(', ')}`, { detectors, region: account.ref.region });
  },
});
