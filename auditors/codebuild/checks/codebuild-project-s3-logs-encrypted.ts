import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { codeBuildCollector, type CodeBuildInventory, type CodeBuildProjectItem } from '../collect.js';

export default defineCheck<CodeBuildInventory, CodeBuildProjectItem>({
  meta: {
    id: 'codebuild-project-s3-logs-encrypted',
    service: 'codebuild',
    title: 'CodeBuild projects encrypt the build logs they write to S3',
    description:
      'Flags a project that sends build logs to S3 with encryption disabled (logsConfig.s3Logs.encryptionDisabled): build logs echo commands, paths and often secrets. Projects not logging to S3 are not applicable. A logging configuration the service did not report is an ERROR, never a guess.',
    severity: 'LOW',
    resourceType: 'AwsCodeBuildProject',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Edit the project logs and clear "Disable S3 log encryption" (UpdateProject logsConfig.s3Logs.encryptionDisabled false); also give the log bucket default encryption.',
      url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/change-project-console-logs.html',
    },
    compliance: { fsbp: ['CodeBuild.3'], nist: ['SC-13', 'SC-28'] },
  },
  collector: codeBuildCollector,
  select: (inventory) => inventory.projects,
  evaluate(project) {
    const logs = reported(project.logs, 'logsConfig', project.name);
    const s3 = logs.s3;
    if (s3?.status !== 'ENABLED') return notApplicable('the project does not log to S3');
    const evidence = { s3LogsStatus: s3.status, encryptionDisabled: s3.encryptionDisabled, location: s3.location ?? null };
    if (!s3.encryptionDisabled) return pass('build logs written to S3 are encrypted', evidence);
    return fail(`project ${project.name} writes build logs to S3${s3.location ? ` (${s3.location})` : ''} unencrypted`, evidence);
  },
});
