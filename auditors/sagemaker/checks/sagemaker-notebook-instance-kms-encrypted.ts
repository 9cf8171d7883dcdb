import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { sageMakerCollector, type NotebookItem, type SageMakerInventory } from '../collect.js';

export default defineCheck<SageMakerInventory, NotebookItem>({
  meta: {
    id: 'sagemaker-notebook-instance-kms-encrypted',
    service: 'sagemaker',
    title: 'SageMaker notebook instances encrypt their storage with a KMS key',
    description:
      "ElectricEye's notebook encryption row, kept current: without a KmsKeyId SageMaker AI encrypts a notebook's volumes with a key it manages, which no key policy, rotation setting or CloudTrail record of yours governs. Flags a notebook instance created without a KMS key. The notebook's ML storage volume holds the notebooks and data users save under /home/ec2-user/SageMaker.",
    severity: 'MEDIUM',
    resourceType: 'AwsSageMakerNotebookInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'The key cannot be added to an existing notebook instance: create a new notebook instance with a customer managed KMS key (KmsKeyId) whose key policy lets the notebook role use it, move the notebooks and data across (a Git repository or S3), then delete the old instance.',
      url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html',
    },
    compliance: { nist: ['SC-12', 'SC-28'] },
  },
  collector: sageMakerCollector,
  select: (inventory) => inventory.notebooks,
  evaluate(notebook) {
    const { kmsKeyId } = need(notebook.settings, 'the notebook instance');
    if (kmsKeyId) return pass(`the storage volume is encrypted with KMS key ${kmsKeyId}`, { KmsKeyId: kmsKeyId });
    return fail(`notebook instance ${notebook.name} has no KMS key: its storage is encrypted with a key SageMaker manages`, { KmsKeyId: null });
  },
});
