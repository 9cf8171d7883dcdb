/**
 * Backups before every fix: the exact prior configuration (the API's own
 * representation) and the calls about to be made, one encrypted S3 object per
 * remediation at <account>/<region>/<resource type>/<resource id>/<remediation id>.json.
 * A backup is written once: a retry of the same remediation reuses the first
 * (it holds the state before any change), so a rollback always restores the original.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import type { JsonValue } from '../core/check.js';
import type { PlannedCall } from '../core/remediation.js';

export { BACKUP_PERMISSIONS } from './permissions.js';

export interface Backup {
  format: 1;
  remediationId: string;
  findingId: string;
  checkId: string;
  fixId: string;
  accountId: string;
  region: string;
  resource: { type: string; arn: string; id: string };
  takenAt: string;
  /** The configuration before the fix. */
  snapshot: JsonValue;
  /** The calls about to be made. */
  calls: PlannedCall[];
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** The object key; the resource id is kept readable, with what S3 keys should not hold replaced. */
export function backupKey(backup: Pick<Backup, 'accountId' | 'region' | 'resource' | 'remediationId'>): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9._=@+-]/g, '_').slice(0, 200);
  return `${backup.accountId}/${backup.region}/${safe(backup.resource.type)}/${safe(backup.resource.id)}/${backup.remediationId}.json`;
}

export class BackupStore {
  constructor(
    private readonly clients: AwsClients,
    readonly bucket: string,
    private readonly kmsKeyId?: string,
  ) {}

  /** Stores the backup unless this remediation has one already; returns the key and the backup that holds. */
  async save(backup: Backup): Promise<{ key: string; backup: Backup; reused: boolean }> {
    const key = backupKey(backup);
    const existing = await this.load(key).catch((error: unknown) => {
      if (error instanceof BackupError && error.message.includes('NoSuchKey')) return undefined;
      throw error;
    });
    if (existing) return { key, backup: existing, reused: true };
    try {
      await this.clients.get(S3Client).send(new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: `${JSON.stringify(backup, null, 2)}\n`,
        ContentType: 'application/json',
        ...(this.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.kmsKeyId } : { ServerSideEncryption: 'AES256' }),
      }));
    } catch (error) {
      throw new BackupError(`the backup s3://${this.bucket}/${key} could not be written: ${describeAwsError(error).message}`, { cause: error });
    }
    return { key, backup, reused: false };
  }

  async load(key: string): Promise<Backup> {
    try {
      const response = await this.clients.get(S3Client).send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = (await response.Body?.transformToString()) ?? '';
      const parsed = JSON.parse(text) as Backup;
      if (parsed.format !== 1 || !parsed.remediationId) throw new BackupError(`s3://${this.bucket}/${key} is not a rampart backup`);
      return parsed;
    } catch (error) {
      if (error instanceof BackupError) throw error;
      const info = describeAwsError(error);
      throw new BackupError(`the backup s3://${this.bucket}/${key} could not be read: ${info.code === 'NoSuchKey' ? 'NoSuchKey' : info.message}`, { cause: error });
    }
  }
}
