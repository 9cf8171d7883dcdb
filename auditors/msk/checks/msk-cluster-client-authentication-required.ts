import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { clientAuthentication } from '../authentication.js';
import { clusterKind, mskCollector, type MskClusterItem, type MskInventory } from '../collect.js';

export default defineCheck<MskInventory, MskClusterItem>({
  meta: {
    id: 'msk-cluster-client-authentication-required',
    service: 'msk',
    title: 'MSK clusters authenticate every client',
    description:
      'ElectricEye\'s "Is TLS client authentication enabled", modernised: an MSK cluster must authenticate clients with IAM access control, SASL/SCRAM, or mutual TLS with a private CA, and must not also allow unauthenticated access. A cluster that allows unauthenticated clients, or reports no authentication mechanism at all (which leaves it open to any client that reaches it), fails: anyone with network access could read and write every topic.',
    severity: 'HIGH',
    resourceType: 'AwsMskCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Update the cluster security settings: turn on IAM access control (or SASL/SCRAM with secrets in Secrets Manager, or mutual TLS with an AWS Private CA), move every client to it, then turn unauthenticated access off.',
      url: 'https://docs.aws.amazon.com/msk/latest/developerguide/kafka_apis_iam.html',
    },
    compliance: { fsbp: ['MSK.6'], nist: ['AC-3', 'IA-2', 'IA-3'] },
  },
  collector: mskCollector,
  select: (inventory) => inventory.clusters,
  evaluate(item) {
    const settings = clusterKind(item) === 'SERVERLESS' ? item.cluster.Serverless?.ClientAuthentication : item.cluster.Provisioned?.ClientAuthentication;
    const auth = clientAuthentication(settings);
    const evidence = {
      mechanisms: auth.mechanisms,
      unauthenticatedAccess: auth.unauthenticated || auth.mechanisms.length === 0,
      ...(auth.certificateAuthorities.length > 0 ? { CertificateAuthorityArnList: auth.certificateAuthorities } : {}),
    };
    if (auth.mechanisms.length === 0) return fail(`MSK cluster ${item.name} authenticates no client: any client that reaches it is let in`, evidence);
    if (auth.unauthenticated) return fail(`MSK cluster ${item.name} allows unauthenticated clients beside ${auth.mechanisms.join(', ')}`, evidence);
    return pass(`clients authenticate with ${auth.mechanisms.join(', ')}`, evidence);
  },
});
