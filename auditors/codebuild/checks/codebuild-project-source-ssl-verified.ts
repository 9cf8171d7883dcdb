import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { codeBuildCollector, type CodeBuildInventory, type CodeBuildProjectItem } from '../collect.js';

export default defineCheck<CodeBuildInventory, CodeBuildProjectItem>({
  meta: {
    id: 'codebuild-project-source-ssl-verified',
    service: 'codebuild',
    title: 'CodeBuild projects verify TLS certificates of their sources',
    description:
      "ElectricEye's insecure SSL row: flags a project whose primary or a secondary source sets insecureSsl, so CodeBuild ignores TLS certificate errors when fetching the code (typically from GitHub Enterprise Server). Anyone in the network path can then serve the build different code, which runs with the project's service role.",
    severity: 'MEDIUM',
    resourceType: 'AwsCodeBuildProject',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: "Clear insecureSsl on every source of the project (console: Source, Additional configuration, Insecure SSL). For a GitHub Enterprise Server with a private CA, give CodeBuild the CA certificate (an S3 object) in the project environment's certificate setting instead.",
      url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/create-project.html',
    },
    compliance: { nist: ['SC-8', 'SC-23'] },
  },
  collector: codeBuildCollector,
  select: (inventory) => inventory.projects,
  evaluate(project) {
    const insecure = project.sources.filter((s) => s.insecureSsl).map((s) => s.id);
    const evidence = { sources: project.sources.map((s) => s.id), insecureSsl: insecure };
    if (insecure.length === 0) return pass('no source ignores TLS certificate errors', evidence);
    return fail(`project ${project.name} ignores TLS certificate errors fetching source(s) ${insecure.join(', ')}`, evidence);
  },
});
