import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { clusterKind, mskCollector, type MskClusterItem, type MskInventory } from '../collect.js';

export default defineCheck<MskInventory, MskClusterItem>({
  meta: {
    id: 'msk-cluster-client-broker-tls-only',
    service: 'msk',
    title: 'MSK clusters accept client connections over TLS only',
    description:
      'ElectricEye\'s "Is client-broker encryption TLS-only": a provisioned MSK cluster must set EncryptionInTransit.ClientBroker to TLS, so that no producer or consumer can exchange messages and credentials in plaintext. TLS_PLAINTEXT (both) and PLAINTEXT fail. Client traffic crosses more networks than traffic between brokers (peered VPCs, on-premises links, public access), hence the higher severity. Serverless clusters accept TLS only and are not applicable.',
    severity: 'HIGH',
    resourceType: 'AwsMskCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Update the cluster security settings to ClientBroker TLS once every client connects to the TLS bootstrap brokers (port 9094, or 9096/9098 with SASL/SCRAM or IAM); the plaintext listener on port 9092 is then closed.',
      url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-update-security.html',
    },
    compliance: { nist: ['SC-8', 'SC-8(1)', 'SC-13'] },
  },
  collector: mskCollector,
  select: (inventory) => inventory.clusters,
  evaluate(item) {
    if (clusterKind(item) === 'SERVERLESS') return notApplicable(`MSK Serverless cluster ${item.name} accepts TLS connections only`);
    const provisioned = reported(item.cluster.Provisioned, 'Provisioned', item.name);
    const clientBroker = reported(provisioned.EncryptionInfo?.EncryptionInTransit?.ClientBroker, 'EncryptionInfo.EncryptionInTransit.ClientBroker', item.name);
    if (clientBroker === 'TLS') return pass('clients connect over TLS only', { ClientBroker: clientBroker });
    const how = clientBroker === 'PLAINTEXT' ? 'in plaintext only' : clientBroker === 'TLS_PLAINTEXT' ? 'in plaintext as well as over TLS' : `with ClientBroker ${clientBroker}`;
    return fail(`MSK cluster ${item.name} accepts client connections ${how}`, { ClientBroker: clientBroker });
  },
});
