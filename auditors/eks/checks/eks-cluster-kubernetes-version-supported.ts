import { defineCheck, fail, failBelow, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { eksCollector, type EksClusterItem, type EksInventory } from '../collect.js';
import { CALENDAR_READ, CALENDAR_SOURCE } from '../support-calendar.js';
import { supportStatus } from '../support.js';

export default defineCheck<EksInventory, EksClusterItem>({
  meta: {
    id: 'eks-cluster-kubernetes-version-supported',
    service: 'eks',
    title: 'EKS clusters run a Kubernetes version in standard support',
    description:
      'ElectricEye "Is K8s version 1.14 used", modernised: the cluster\'s Kubernetes version must still be in EKS standard support at the scan time, per AWS\'s release calendar kept in auditors/eks/support-calendar.ts. A version in paid extended support fails one severity level lower; past extended support, at full severity. A version missing from the calendar is placed between its neighbours; when they do not decide, it fails one level lower as not shown to be supported.',
    severity: 'HIGH',
    resourceType: 'AwsEksCluster',
    findingTypes: ['Software and Configuration Checks/Vulnerabilities/CVE', 'Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Upgrade the cluster one minor version at a time (update-cluster-version) to a version in standard support, after checking deprecated APIs and add-on compatibility; then upgrade the node groups, Fargate pods and add-ons to match.',
      url: 'https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html',
    },
    compliance: { fsbp: ['EKS.2'], nist: ['CM-2', 'SI-2'] },
  },
  collector: eksCollector,
  select: (inventory) => inventory.clusters,
  evaluate(item, _params, inventory) {
    const cluster = need(item.cluster, 'the cluster description');
    const version = reported(cluster.version, 'version', item.name);
    const status = supportStatus(version, inventory.collectedAt);
    const calendar = { calendarRead: CALENDAR_READ, calendarSource: CALENDAR_SOURCE, scanTime: inventory.collectedAt };
    if (status.status === 'standard') {
      const until = status.endOfStandardSupport ?? `at least ${status.atLeastUntil ?? 'an unlisted date'}`;
      return pass(`Kubernetes ${version} is in standard support until ${until}`, { version, supportStatus: 'standard', endOfStandardSupport: status.endOfStandardSupport, ...calendar });
    }
    if (status.status === 'unknown') {
      return failBelow(1, `cluster ${item.name} runs Kubernetes ${version}, not shown to be in standard support: ${status.why}`, { version, supportStatus: 'unknown', ...calendar });
    }
    const supportLabel = { active: 'extended', ended: 'ended', unknown: 'past standard, extended unknown' }[status.extendedSupport];
    const evidence = { version, supportStatus: supportLabel, endOfStandardSupport: status.endOfStandardSupport, endOfExtendedSupport: status.endOfExtendedSupport, ...calendar };
    const standardEnded = status.endOfStandardSupport ? ` on ${status.endOfStandardSupport}` : '';
    if (status.extendedSupport === 'active') {
      return failBelow(1, `cluster ${item.name} runs Kubernetes ${version}, whose standard support ended${standardEnded}: it is in paid extended support`, evidence);
    }
    if (status.extendedSupport === 'unknown') {
      return fail(`cluster ${item.name} runs Kubernetes ${version}, whose standard support ended; rampart's calendar (read ${CALENDAR_READ}) cannot show that extended support still covers it`, evidence);
    }
    const extendedEnded = status.endOfExtendedSupport ? ` (extended support ended ${status.endOfExtendedSupport})` : '';
    return fail(`cluster ${item.name} runs Kubernetes ${version}, which is out of EKS support${extendedEnded}`, evidence);
  },
});
