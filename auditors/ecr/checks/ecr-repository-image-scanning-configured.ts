import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ecrCollector, type EcrInventory, type EcrRepositoryItem } from '../collect.js';
import { effectiveScanning } from '../scanning.js';

export default defineCheck<EcrInventory, EcrRepositoryItem>({
  meta: {
    id: 'ecr-repository-image-scanning-configured',
    service: 'ecr',
    title: 'ECR repositories scan their images for vulnerabilities',
    description:
      'ElectricEye "scan on push", modernised: the registry scanning configuration decides. Enhanced scanning (Amazon Inspector): a repository a continuous or scan-on-push rule matches passes, one no rule matches is not scanned and fails. Basic scanning with rules: a repository a scan-on-push rule matches passes, the rest are manual-only and fail. Basic scanning without rules: the repository\'s own (deprecated) scanOnPush setting decides.',
    severity: 'MEDIUM',
    resourceType: 'AwsEcrRepository',
    findingTypes: ['Software and Configuration Checks/Vulnerabilities/CVE', 'Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Configure scanning for the private registry (ECR console, Private registry, Scanning): enhanced scanning with Amazon Inspector and a continuous-scan filter of "*", or basic scanning with a scan-on-push filter that matches the repository. Images already pushed are scanned only by enhanced continuous scanning or a manual scan.',
      url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
    },
    compliance: { fsbp: ['ECR.1'], nist: ['RA-5'] },
  },
  collector: ecrCollector,
  select: (inventory) => inventory.repositories,
  evaluate(repository, _params, inventory) {
    const registry = need(inventory.registryScanning, 'the registry scanning configuration');
    let scanning;
    try {
      scanning = effectiveScanning(registry, repository.name, repository.scanOnPush);
    } catch (error) {
      throw new MissingInputError(error instanceof Error ? error.message : String(error));
    }
    const evidence = {
      scanType: registry.scanType,
      scanFrequency: scanning.frequency,
      decidedBy: scanning.decidedBy,
      matchingFilter: scanning.filter ?? null,
      repositoryScanOnPush: repository.scanOnPush ?? null,
    };
    if (scanning.frequency !== 'MANUAL') {
      return pass(`images are scanned (${registry.scanType}, ${scanning.frequency}${scanning.filter !== undefined ? `, filter "${scanning.filter}"` : ''})`, evidence);
    }
    const why = {
      'no-matching-registry-rule': `no ${registry.scanType} registry scanning rule matches it`,
      'registry-rule': `the matching ${registry.scanType} registry rule scans manually only`,
      'repository-setting': 'the registry has no scanning rules and the repository\'s scanOnPush is off',
    }[scanning.decidedBy];
    return fail(`repository ${repository.name} is not scanned automatically: ${why}`, evidence);
  },
});
