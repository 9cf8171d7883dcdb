import { z } from 'zod';
import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { codeBuildCollector, type CodeBuildInventory, type CodeBuildProjectItem } from '../collect.js';

const parameters = z
  .object({
    /** FSBP CodeBuild.4's reading: logs in S3 alone are enough. */
    acceptS3Logs: z.boolean().default(false),
  })
  .strict();

export default defineCheck<CodeBuildInventory, CodeBuildProjectItem, z.infer<typeof parameters>>({
  meta: {
    id: 'codebuild-project-cloudwatch-logging-enabled',
    service: 'codebuild',
    title: 'CodeBuild projects send build logs to CloudWatch Logs',
    description:
      "ElectricEye's CloudWatch logging row: flags a project whose CloudWatch Logs logging is disabled, leaving no searchable record of what its builds ran. With acceptS3Logs (FSBP CodeBuild.4's reading) logging to S3 instead passes. A logging configuration the service did not report is an ERROR, never a guess.",
    severity: 'MEDIUM',
    resourceType: 'AwsCodeBuildProject',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Edit the project logs and turn on CloudWatch logs (UpdateProject logsConfig.cloudWatchLogs.status ENABLED, with a group name if you want one), and make sure the service role may write to the log group.',
      url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/change-project-console-logs.html',
    },
    compliance: { fsbp: ['CodeBuild.4'], nist: ['AU-2', 'AU-12'] },
  },
  collector: codeBuildCollector,
  parameters,
  select: (inventory) => inventory.projects,
  evaluate(project, params) {
    const logs = reported(project.logs, 'logsConfig', project.name);
    const cloudWatch = reported(logs.cloudWatch?.status, 'logsConfig.cloudWatchLogs.status', project.name);
    const s3 = logs.s3?.status ?? 'DISABLED';
    const evidence = { cloudWatchLogsStatus: cloudWatch, s3LogsStatus: s3, acceptS3Logs: params.acceptS3Logs };
    if (cloudWatch === 'ENABLED') return pass(`build logs go to CloudWatch Logs${logs.cloudWatch?.groupName ? ` (${logs.cloudWatch.groupName})` : ''}`, evidence);
    if (params.acceptS3Logs && s3 === 'ENABLED') return pass('build logs go to S3 (acceptS3Logs)', evidence);
    return fail(`project ${project.name} sends no build logs to CloudWatch Logs${s3 === 'ENABLED' ? ' (only to S3)' : ''}`, evidence);
  },
});
