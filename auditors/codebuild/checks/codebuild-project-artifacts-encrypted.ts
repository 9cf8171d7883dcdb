import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { codeBuildCollector, type CodeBuildInventory, type CodeBuildProjectItem } from '../collect.js';

export default defineCheck<CodeBuildInventory, CodeBuildProjectItem>({
  meta: {
    id: 'codebuild-project-artifacts-encrypted',
    service: 'codebuild',
    title: 'CodeBuild projects encrypt their S3 build artifacts',
    description:
      "ElectricEye's artifact encryption row: flags a project that writes a primary or secondary S3 artifact with encryption disabled (encryptionDisabled true), so build outputs (packages, binaries, reports) land in S3 without CodeBuild's KMS encryption. Projects with no S3 artifacts are not applicable: CodePipeline encrypts its own artifacts.",
    severity: 'MEDIUM',
    resourceType: 'AwsCodeBuildProject',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Edit the project artifacts and clear "Disable artifacts encryption" (UpdateProject artifacts.encryptionDisabled false, and for each secondary artifact), optionally with a customer managed KMS key as the project encryption key.',
      url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html',
    },
    compliance: { nist: ['SC-13', 'SC-28'] },
  },
  collector: codeBuildCollector,
  select: (inventory) => inventory.projects,
  evaluate(project) {
    // encryptionDisabled applies to S3 artifacts only.
    const s3 = project.artifacts.filter((a) => a.type === 'S3');
    if (s3.length === 0) return notApplicable('the project writes no S3 artifacts');
    const unencrypted = s3.filter((a) => a.encryptionDisabled).map((a) => a.id);
    const evidence = { s3Artifacts: s3.map((a) => a.id), encryptionDisabled: unencrypted };
    if (unencrypted.length === 0) return pass('every S3 artifact is encrypted', evidence);
    return fail(`project ${project.name} writes unencrypted S3 artifacts: ${unencrypted.join(', ')}`, evidence);
  },
});
