/**
 * IAM inventory: every IAM user with its access keys (and their last use),
 * the policies attached to it directly and its credential report row; the
 * customer managed policies with their default version; and, for the account,
 * the password policy, the account summary (root MFA and access keys), the
 * root user's virtual MFA devices and credential report row, and the roles
 * AWSSupportAccess is attached to. Global: runs once per account, in the home
 * region. One key is re-read from its id alone: GetAccessKeyLastUsed names its
 * user; the account is re-read for its password policy only.
 *
 * An access key has no ARN. Its resource id is GuardDuty's ASFF form,
 * `AWS::IAM::AccessKey:<AccessKeyId>`: the key id is unique and never
 * changes, whereas an id built from the user's ARN would change (and so
 * open a second finding) when the user is renamed or moved to another path.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';
import type { CredentialReportRow } from './credential-report.js';

export type { CredentialReportRow } from './credential-report.js';

export interface KeyLastUsed {
  /** Absent when the key was never used. */
  date?: string;
  service?: string;
  region?: string;
}

export interface IamAccessKeyItem {
  ref: ResourceRef;
  accessKeyId: string;
  /** "Active" or "Inactive". */
  status: string;
  /** Absent when the service did not say (treated as unknown, never as new). */
  createdAt?: string;
  userName: string;
  userArn: string;
  /** Read for active keys only: the checks find an inactive key not applicable. */
  lastUsed?: Fetched<KeyLastUsed>;
}

/** The account password policy, with IAM's own field names. */
export interface PasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** GetAccountSummary's two root-user entries; an entry the service left out is absent. */
export interface AccountSummary {
  AccountMFAEnabled?: number;
  AccountAccessKeysPresent?: number;
}

export interface VirtualMfaDeviceRecord {
  serialNumber: string;
  enabledAt?: string;
}

/** The credential report's row of one user (or of the root user), with when IAM generated the report. */
export interface CredentialsRecord {
  /** Undefined when the report has no row for the user (it was created after the report). */
  row?: CredentialReportRow;
  reportGeneratedAt?: string;
}

export interface IamAccountItem {
  ref: ResourceRef;
  /** Undefined when the account has no password policy (NoSuchEntity). */
  passwordPolicy: Fetched<PasswordPolicy | undefined>;
  /** The fields below are absent from collectOne's account, which reads its password policy only. */
  summary?: Fetched<AccountSummary>;
  /** The virtual MFA devices assigned to the root user. */
  rootVirtualMfaDevices?: Fetched<VirtualMfaDeviceRecord[]>;
  rootCredentials?: Fetched<CredentialsRecord>;
  /** The names of the roles the AWS managed policy AWSSupportAccess is attached to. */
  supportRoles?: Fetched<string[]>;
}

export interface IamUserItem {
  ref: ResourceRef;
  userName: string;
  userArn: string;
  credentials: Fetched<CredentialsRecord>;
  /** The ARNs of the managed policies attached to the user. */
  attachedPolicies: Fetched<string[]>;
  /** The names of the user's inline policies. */
  inlinePolicies: Fetched<string[]>;
}

export interface IamPolicyItem {
  ref: ResourceRef;
  policyName: string;
  policyArn: string;
  defaultVersionId?: string;
  /** Users, groups and roles the policy is attached to; absent when the service did not say. */
  attachmentCount?: number;
  permissionsBoundaryUsageCount?: number;
  /** The default version's policy document, as JSON text. */
  document: Fetched<string>;
}

export interface IamInventory {
  /** When the inventory was read: the "now" that key ages are measured from. */
  collectedAt: string;
  accessKeys: IamAccessKeyItem[];
  /** Absent from the inventory of one access key (collectOne), which reads no password policy. */
  account?: IamAccountItem;
  /** Absent from collectOne's inventories. */
  users?: IamUserItem[];
  /** The customer managed policies; absent from collectOne's inventories. */
  policies?: IamPolicyItem[];
}

export const iamCollector: Collector<IamInventory> = {
  id: 'iam',
  service: 'iam',
  global: true,
  permissions: [
    'iam:ListUsers', 'iam:GetUser', 'iam:ListAccessKeys', 'iam:ListUserTags', 'iam:GetAccessKeyLastUsed', 'iam:GetAccountPasswordPolicy',
    'iam:ListAttachedUserPolicies', 'iam:ListUserPolicies', 'iam:ListPolicies', 'iam:GetPolicyVersion',
    'iam:GetAccountSummary', 'iam:ListVirtualMFADevices', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:ListEntitiesForPolicy',
  ],
  async collect(ctx) {
    const { fetchIamInventory } = await import('./fetch.js');
    return fetchIamInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchIamResource } = await import('./fetch.js');
    return fetchIamResource(ctx, resource);
  },
};
