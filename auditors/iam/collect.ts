/**
 * IAM inventory: every IAM user's access keys with their last use, and the
 * account password policy. Global: runs once per account, in the home region.
 * One key is re-read from its id alone: GetAccessKeyLastUsed names its user.
 *
 * An access key has no ARN. Its resource id is GuardDuty's ASFF form,
 * `AWS::IAM::AccessKey:<AccessKeyId>`: the key id is unique and never
 * changes, whereas an id built from the user's ARN would change (and so
 * open a second finding) when the user is renamed or moved to another path.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

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

export interface IamAccountItem {
  ref: ResourceRef;
  /** Undefined when the account has no password policy (NoSuchEntity). */
  passwordPolicy: Fetched<PasswordPolicy | undefined>;
}

export interface IamInventory {
  /** When the inventory was read: the "now" that key ages are measured from. */
  collectedAt: string;
  accessKeys: IamAccessKeyItem[];
  /** Absent from the inventory of one access key (collectOne), which reads no password policy. */
  account?: IamAccountItem;
}

export const iamCollector: Collector<IamInventory> = {
  id: 'iam',
  service: 'iam',
  global: true,
  permissions: ['iam:ListUsers', 'iam:GetUser', 'iam:ListAccessKeys', 'iam:ListUserTags', 'iam:GetAccessKeyLastUsed', 'iam:GetAccountPasswordPolicy'],
  async collect(ctx) {
    const { fetchIamInventory } = await import('./fetch.js');
    return fetchIamInventory(ctx);
  },
  async collectOne(ctx, resource) {
    const { fetchIamResource } = await import('./fetch.js');
    return fetchIamResource(ctx, resource);
  },
};
