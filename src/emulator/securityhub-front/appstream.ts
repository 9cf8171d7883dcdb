/**
 * AppStream 2.0, which moto does not serve at all, as an account that does
 * not use it: the describe calls rampart makes answer with empty lists in the
 * service's own wire format (JSON 1.1, X-Amz-Target PhotonAdminProxyService.*).
 * Anything else is refused as the real service refuses an unknown operation,
 * so a test can never mistake this for a working AppStream.
 */
import type { JsonObject } from './wire.js';

const EMPTY: Record<string, JsonObject> = {
  DescribeFleets: { Fleets: [] },
  DescribeImages: { Images: [] },
  DescribeUsers: { Users: [] },
  DescribeStacks: { Stacks: [] },
};

/** The answer to an AppStream call by its X-Amz-Target, or undefined when the emulator has none. */
export function appStreamAnswer(target: string | undefined): JsonObject | undefined {
  const operation = target?.startsWith('PhotonAdminProxyService.') ? target.slice('PhotonAdminProxyService.'.length) : undefined;
  return operation === undefined ? undefined : EMPTY[operation];
}
