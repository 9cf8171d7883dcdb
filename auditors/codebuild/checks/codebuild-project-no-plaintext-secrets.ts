import { defineCheck, fail, failBelow, pass } from '../../../src/core/check.js';
import { codeBuildCollector, type CodeBuildInventory, type CodeBuildProjectItem } from '../collect.js';
import { plaintextSecret } from '../secrets.js';

export default defineCheck<CodeBuildInventory, CodeBuildProjectItem>({
  meta: {
    id: 'codebuild-project-no-plaintext-secrets',
    service: 'codebuild',
    title: 'CodeBuild projects keep no credentials in plaintext environment variables',
    description:
      "Flags a project with a PLAINTEXT environment variable holding a credential: a value shaped like an AWS access key id or secret key, a private key, a GitHub, Slack, Atlassian or npm token, or a URL with a password (FSBP CodeBuild.2 looks for AWS keys only); or a name saying it holds one (PASSWORD, SECRET, TOKEN, API_KEY, ACCESS_KEY…) with a value that is not empty, a number, a flag or an ARN, one severity level lower. Anyone who can read the project reads them. Values never appear in the finding.",
    severity: 'CRITICAL',
    resourceType: 'AwsCodeBuildProject',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Sensitive Data Identifications/Passwords', 'Effects/Data Exposure'],
    remediation: {
      text: 'Rotate the exposed credential first: it has been readable by everyone with codebuild:BatchGetProjects. Then store it in Secrets Manager or a SecureString parameter and reference it (environment variable type SECRETS_MANAGER or PARAMETER_STORE). AWS keys are not needed at all: builds get the service role credentials.',
      url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html',
    },
    compliance: { fsbp: ['CodeBuild.2'], nist: ['IA-5', 'SA-3'] },
  },
  collector: codeBuildCollector,
  select: (inventory) => inventory.projects,
  evaluate(project) {
    const secrets = project.environmentVariables.flatMap((v) => plaintextSecret(v) ?? []);
    if (secrets.length === 0) return pass(`none of ${project.environmentVariables.length} environment variable(s) holds a plaintext credential`, { variables: project.environmentVariables.length });
    const variables = secrets.map(({ name, type, reason, shown }) => ({ name, type, reason, value: shown }));
    const summary = `project ${project.name} keeps ${secrets.length} credential(s) in plaintext environment variables: ${secrets.map((s) => `${s.name} (${s.reason})`).join(', ')}`;
    // A name alone is a strong hint, not proof: one level lower than a value shaped like a credential.
    return secrets.some((s) => s.byValue) ? fail(summary, { variables }) : failBelow(1, summary, { variables });
  },
});
