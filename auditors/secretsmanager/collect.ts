/**
 * Secrets Manager inventory: every secret of one account and region (those
 * scheduled for deletion left out), as ListSecrets describes them: rotation
 * settings, dates and tags, with no call per secret.
 */
import type { Collector } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface SecretItem {
  ref: ResourceRef;
  name: string;
  /**
   * Whether automatic rotation is on. Secrets Manager leaves the field out for
   * a secret that was never configured for rotation, which is false.
   */
  rotationEnabled: boolean;
  rotationIntervalDays?: number;
  rotationSchedule?: string;
  rotationLambdaArn?: string;
  /** ISO dates; undefined when the service did not report them (never rotated, for lastRotatedAt). */
  lastRotatedAt?: string;
  createdAt?: string;
  nextRotationAt?: string;
  /** The AWS service that manages the secret (e.g. rds for a managed master user password). */
  owningService?: string;
}

export interface SecretsManagerInventory {
  /** When the inventory was read: the "now" that secret ages are measured from. */
  collectedAt: string;
  secrets: SecretItem[];
}

export const secretsManagerCollector: Collector<SecretsManagerInventory> = {
  id: 'secretsmanager',
  service: 'secretsmanager',
  global: false,
  permissions: ['secretsmanager:ListSecrets'],
  async collect(ctx) {
    const { fetchSecretsManagerInventory } = await import('./fetch.js');
    return fetchSecretsManagerInventory(ctx);
  },
};
