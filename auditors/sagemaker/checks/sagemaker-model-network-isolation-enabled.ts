import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { sageMakerCollector, type ModelItem, type SageMakerInventory } from '../collect.js';

export default defineCheck<SageMakerInventory, ModelItem>({
  meta: {
    id: 'sagemaker-model-network-isolation-enabled',
    service: 'sagemaker',
    title: 'SageMaker models run with network isolation',
    description:
      'Flags a model with EnableNetworkIsolation false: its inference containers can make outbound calls to the internet and to AWS services, so a malicious or compromised model image can fetch payloads or send inference data out. With isolation the container has no network access and no AWS credentials. A value the service did not report is an ERROR, never a guess.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exfiltration'],
    remediation: {
      text: 'Models cannot be changed: create the model again with EnableNetworkIsolation true (after checking that its container needs no network at run time), create an endpoint configuration that uses it, switch the endpoint with UpdateEndpoint, then delete the old model.',
      url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html',
    },
    compliance: { fsbp: ['SageMaker.5'], nist: ['AC-4', 'SC-7'] },
  },
  collector: sageMakerCollector,
  select: (inventory) => inventory.models,
  evaluate(model) {
    const settings = need(model.settings, 'the model');
    const isolated = reported(settings.enableNetworkIsolation, 'EnableNetworkIsolation', model.name);
    const evidence = { EnableNetworkIsolation: isolated, vpcSubnets: settings.vpcSubnets };
    if (isolated) return pass('the model containers run without network access', evidence);
    return fail(`model ${model.name} runs without network isolation`, evidence);
  },
});
