import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { sageMakerCollector, type NotebookItem, type SageMakerInventory } from '../collect.js';

export default defineCheck<SageMakerInventory, NotebookItem>({
  meta: {
    id: 'sagemaker-notebook-instance-in-vpc',
    service: 'sagemaker',
    title: 'SageMaker notebook instances are launched in a VPC',
    description:
      'Flags a notebook instance launched without a subnet (SubnetId): it lives only in the VPC SageMaker AI manages, with direct internet access and outside your security groups, so it can neither reach private resources nor be confined by your network controls.',
    severity: 'HIGH',
    resourceType: 'AwsSageMakerNotebookInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'The network of an existing notebook instance cannot be changed: create a new notebook instance in a private subnet of your VPC with security groups that allow only what it needs (and direct internet access disabled), move the notebooks across and delete the old instance.',
      url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
    },
    compliance: { fsbp: ['SageMaker.2'], nist: ['AC-3', 'AC-4', 'AC-21', 'SC-7'] },
  },
  collector: sageMakerCollector,
  select: (inventory) => inventory.notebooks,
  evaluate(notebook) {
    const { subnetId, securityGroups } = need(notebook.settings, 'the notebook instance');
    if (subnetId) return pass(`the notebook has a network interface in subnet ${subnetId}`, { SubnetId: subnetId, SecurityGroups: securityGroups });
    return fail(`notebook instance ${notebook.name} is not in a VPC of yours (no SubnetId)`, { SubnetId: null });
  },
});
