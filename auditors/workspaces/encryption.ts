/** How the two volume-encryption checks read a WorkSpace. */
import { fail, MissingInputError, notApplicable, pass, type Verdict } from '../../src/core/check.js';
import { ENDING_STATES, type WorkspaceItem } from './collect.js';

export type Volume = 'user' | 'root';

const FIELD: Record<Volume, 'UserVolumeEncryptionEnabled' | 'RootVolumeEncryptionEnabled'> = {
  user: 'UserVolumeEncryptionEnabled',
  root: 'RootVolumeEncryptionEnabled',
};

/**
 * WorkSpaces leaves the flag out of its answer for a volume created without
 * encryption. Encryption needs a KMS key, so a WorkSpace that reports neither the
 * flag nor a VolumeEncryptionKey is unencrypted; with a key but no flag it is unknown.
 */
export function judgeVolume(workspace: WorkspaceItem, volume: Volume): Verdict {
  if (workspace.state && ENDING_STATES.includes(workspace.state)) return notApplicable(`the WorkSpace is ${workspace.state}`);
  const field = FIELD[volume];
  const flag = volume === 'user' ? workspace.userVolumeEncryptionEnabled : workspace.rootVolumeEncryptionEnabled;
  const key = workspace.volumeEncryptionKey;
  const evidence = { [field]: flag ?? null, VolumeEncryptionKey: key ?? null };
  if (flag === true) return pass(`the ${volume} volume is encrypted${key ? ` with ${key}` : ''}`, evidence);
  if (flag === undefined && key !== undefined) throw new MissingInputError(`WorkSpace ${workspace.workspaceId} has a VolumeEncryptionKey but WorkSpaces did not report ${field}, so it cannot be judged`);
  return fail(`the ${volume} volume of WorkSpace ${workspace.workspaceId}${workspace.userName ? ` (${workspace.userName})` : ''} is not encrypted`, evidence);
}
