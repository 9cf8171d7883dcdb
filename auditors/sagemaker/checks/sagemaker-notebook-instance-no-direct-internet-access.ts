import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { sageMakerCollector, type NotebookItem, type SageMakerInventory } from '../collect.js';

export default defineCheck<SageMakerInventory, NotebookItem>({
  meta: {
    id: 'sagemaker-notebook-instance-no-direct-internet-access',
    service: 'sagemaker',
    title: 'SageMaker notebook instances have no direct internet access',
    description:
      "Flags a notebook instance with DirectInternetAccess Enabled: SageMaker AI gives it a network interface to the internet outside your VPC, where none of your security groups, network ACLs, VPC endpoints or flow logs apply, so code in the notebook can reach (and send data to) anywhere. A value the service did not report is an ERROR, never a guess.",
    severity: 'HIGH',
    resourceType: 'AwsSageMakerNotebookInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exfiltration'],
    remediation: {
      text: "Direct internet access cannot be changed on an existing notebook instance: create one in a VPC subnet with DirectInternetAccess Disabled, reaching the internet (where needed) through your NAT gateway and AWS services through VPC endpoints, then move the notebooks across and delete the old instance.",
      url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
    },
    compliance: { fsbp: ['SageMaker.1'], nist: ['AC-3', 'AC-4', 'AC-21', 'SC-7'] },
  },
  collector: sageMakerCollector,
  select: (inventory) => inventory.notebooks,
  evaluate(notebook) {
    const settings = need(notebook.settings, 'the notebook instance');
    const access = reported(settings.directInternetAccess, 'DirectInternetAccess', notebook.name);
    const evidence = { DirectInternetAccess: access, SubnetId: settings.subnetId ?? null };
    if (access === 'Disabled') return pass('direct internet access is disabled', evidence);
    return fail(`notebook instance ${notebook.name} has direct internet access (DirectInternetAccess ${access})`, evidence);
  },
});
