import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { kinesisCollector, type KinesisInventory, type KinesisStreamItem } from '../collect.js';

/** The key Kinesis uses when server-side encryption is turned on with the AWS managed key. */
const AWS_MANAGED_KEY = 'alias/aws/kinesis';

export default defineCheck<KinesisInventory, KinesisStreamItem>({
  meta: {
    id: 'kinesis-stream-encrypted',
    service: 'kinesis',
    title: 'Kinesis data streams are encrypted at rest',
    description:
      'ElectricEye\'s "Is stream encryption enabled": a Kinesis data stream must use server-side encryption with an AWS KMS key (EncryptionType KMS), so records are encrypted before they are written to the stream storage layer. EncryptionType NONE fails. The evidence names the key and whether it is the AWS managed key (alias/aws/kinesis) or a customer managed key.',
    severity: 'MEDIUM',
    resourceType: 'AwsKinesisStream',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Start server-side encryption on the stream (StartStreamEncryption with EncryptionType KMS) using a customer managed KMS key, or alias/aws/kinesis. Producers and consumers need kms:GenerateDataKey and kms:Decrypt on a customer managed key. Existing records stay unencrypted until they expire.',
      url: 'https://docs.aws.amazon.com/streams/latest/dev/getting-started-with-sse.html',
    },
    compliance: { fsbp: ['Kinesis.1'], nist: ['SC-13', 'SC-28', 'SC-28(1)'] },
  },
  collector: kinesisCollector,
  select: (inventory) => inventory.streams,
  evaluate(stream) {
    const settings = need(stream.settings, `the summary of stream ${stream.name}`);
    const encryption = reported(settings.encryptionType, 'EncryptionType', stream.name);
    if (encryption !== 'KMS') return fail(`Kinesis stream ${stream.name} is not encrypted at rest (EncryptionType ${encryption})`, { EncryptionType: encryption });
    const keyId = reported(settings.keyId, 'KeyId', stream.name);
    return pass(`records are encrypted with KMS key ${keyId}`, { EncryptionType: encryption, KeyId: keyId, awsManagedKey: keyId === AWS_MANAGED_KEY });
  },
});
