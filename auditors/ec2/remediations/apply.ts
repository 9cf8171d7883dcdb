/** The EC2 fixes' AWS calls (loaded when a fix runs, like the collectors' fetch.ts). */
import {
  AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupIngressCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import type { IpPermissionJson, SecurityGroupSnapshot } from './ec2-revoke-public-restricted-port-ranges.js';

const byText = <T>(key: (item: T) => string) => (a: T, b: T): number => key(a).localeCompare(key(b));

/**
 * The SDK's IpPermission as plain JSON (undefined fields dropped, the API's own names kept), in a
 * stable order: AWS does not keep the order of rules or ranges, so two reads of the same group compare equal.
 */
export function toJson(permissions: readonly IpPermission[] | undefined): IpPermissionJson[] {
  const plain = JSON.parse(JSON.stringify(permissions ?? [])) as IpPermissionJson[];
  for (const p of plain) {
    p.IpRanges?.sort(byText((r) => r.CidrIp));
    p.Ipv6Ranges?.sort(byText((r) => r.CidrIpv6));
    p.PrefixListIds?.sort(byText((r) => r.PrefixListId));
    p.UserIdGroupPairs?.sort(byText((r) => JSON.stringify(r)));
  }
  return plain.sort(byText((p) => `${p.IpProtocol}|${p.FromPort ?? ''}|${p.ToPort ?? ''}`));
}

export async function readSecurityGroup(ctx: RemediationContext, groupId: string): Promise<SecurityGroupSnapshot> {
  try {
    const { SecurityGroups } = await ctx.clients.get(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    const group = SecurityGroups?.find((g) => g.GroupId === groupId);
    if (!group) throw new ResourceGoneError(`security group ${groupId} no longer exists`);
    return {
      GroupId: groupId,
      GroupName: group.GroupName ?? '',
      ...(group.VpcId ? { VpcId: group.VpcId } : {}),
      ...(group.OwnerId ? { OwnerId: group.OwnerId } : {}),
      IpPermissions: toJson(group.IpPermissions),
      IpPermissionsEgress: toJson(group.IpPermissionsEgress),
    };
  } catch (error) {
    if (describeAwsError(error).code === 'InvalidGroup.NotFound') throw new ResourceGoneError(`security group ${groupId} no longer exists`, { cause: error });
    throw error;
  }
}

/** Makes one call; a range already revoked, or already authorised, is done (every call is idempotent). */
export async function performSecurityGroupCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  const ec2 = ctx.clients.get(EC2Client);
  const input = { GroupId: String(call.input.GroupId), IpPermissions: call.input.IpPermissions as IpPermission[] };
  try {
    if (call.action === 'ec2:RevokeSecurityGroupIngress') {
      // Revoked one permission at a time: AWS refuses the whole call when one range is already gone.
      for (const permission of input.IpPermissions) {
        try {
          await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: input.GroupId, IpPermissions: [permission] }));
        } catch (error) {
          if (describeAwsError(error).code !== 'InvalidPermission.NotFound') throw error;
        }
      }
    } else if (call.action === 'ec2:AuthorizeSecurityGroupIngress') {
      for (const permission of input.IpPermissions) {
        try {
          await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: input.GroupId, IpPermissions: [permission] }));
        } catch (error) {
          if (describeAwsError(error).code !== 'InvalidPermission.Duplicate') throw error;
        }
      }
    } else {
      throw new Error(`the EC2 fixes do not make ${call.action}`);
    }
  } catch (error) {
    if (describeAwsError(error).code === 'InvalidGroup.NotFound') throw new ResourceGoneError(`security group ${input.GroupId} no longer exists`, { cause: error });
    throw error;
  }
}
