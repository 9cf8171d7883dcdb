import { defineCheck, fail, pass, type Evidence } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { amiCollector, type AmiInventory, type AmiItem, type LaunchPermissions } from '../collect.js';

function shares(permissions: LaunchPermissions): Evidence {
  return {
    shared_with_accounts: permissions.accounts,
    shared_with_organizations: permissions.organizations,
    shared_with_organizational_units: permissions.organizationalUnits,
  };
}

export default defineCheck<AmiInventory, AmiItem>({
  meta: {
    id: 'ami-not-public',
    service: 'ami',
    title: 'AMIs owned by the account are not public',
    description:
      'Flags an image the account owns that any AWS account can launch: DescribeImages reports it Public, or its launchPermission includes the group "all" (Hammer ec2_public_ami, ElectricEye "Are owned AMIs public"). Its snapshots, and any secret baked into it, are readable by everyone. Sharing with named accounts, organizations or OUs passes and is listed as evidence.',
    severity: 'CRITICAL',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Make the image private (aws ec2 modify-image-attribute --image-id <id> --launch-permission "Remove=[{Group=all}]"), share it with named accounts or your organization instead, and turn on block public access for AMIs.',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
    },
    compliance: { nist: ['AC-3', 'AC-21', 'SC-7'] },
  },
  collector: amiCollector,
  select: (inventory) => inventory.images,
  evaluate(image) {
    // The Public flag alone is proof; the launch permissions only add who else it is shared with.
    if (image.public === true) {
      return fail(`image ${image.imageId} is public: any AWS account can launch it`, { public: true, ...(image.launchPermission.ok ? shares(image.launchPermission.value) : {}) });
    }
    const permissions = need(image.launchPermission, 'the image launchPermission');
    if (permissions.public) return fail(`image ${image.imageId} grants launchPermission to everyone (group "all")`, { public: true, group: 'all', ...shares(permissions) });
    const named = permissions.accounts.length + permissions.organizations.length + permissions.organizationalUnits.length;
    if (named > 0) return pass(`not public; shared with ${named} named principal(s)`, shares(permissions));
    return pass('not shared', shares(permissions));
  },
});
