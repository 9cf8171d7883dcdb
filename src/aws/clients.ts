/**
 * The client factory: every AWS SDK client rampart uses is made here, with the
 * one retry policy, the endpoint override and the request counter.
 * Clients are created when first asked for, per account and region.
 */
import type { AwsCredentialIdentityProvider, AwsCredentialIdentity } from '@smithy/types';
import { sdkRetryStrategy, type RetryPolicy, DEFAULT_RETRY_POLICY } from './retry.js';
import type { RequestCounter } from './request-counter.js';
import { noteEndpoint } from './errors.js';
import { attachCallStats } from './call-stats.js';

export interface ClientSettings {
  /** Endpoint override for every service (emulator or VPC endpoint). */
  endpointUrl?: string;
  retryPolicy?: RetryPolicy;
  counter?: RequestCounter;
}

interface SdkClient {
  middlewareStack: {
    add: (middleware: never, options: { step: 'deserialize'; name: string; override?: boolean }) => void;
  };
  destroy(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SDK client constructors differ in their config types
type ClientConstructor<C> = new (config: any) => C;

export interface AwsClients {
  readonly accountId: string;
  readonly region: string;
  get<C extends SdkClient>(ctor: ClientConstructor<C>): C;
  destroy(): void;
}

/** Puts the URL a request could not reach on its error: "cannot reach <url>" instead of a bare ECONNREFUSED. */
const endpointOfErrors = (next: (args: { request?: { protocol?: string; hostname?: string; port?: number } }) => Promise<unknown>) =>
  async (args: { request?: { protocol?: string; hostname?: string; port?: number } }): Promise<unknown> => {
    try {
      return await next(args);
    } catch (error) {
      noteEndpoint(error, args.request);
      throw error;
    }
  };

const S3_CLIENTS = new Set(['S3Client']);
const ACCOUNT_HOST_CLIENTS = new Set(['S3ControlClient']);

export function createAwsClients(
  accountId: string,
  region: string,
  credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity | undefined,
  settings: ClientSettings,
): AwsClients {
  const cache = new Map<string, SdkClient>();
  return {
    accountId,
    region,
    get<C extends SdkClient>(ctor: ClientConstructor<C>): C {
      const existing = cache.get(ctor.name);
      if (existing) return existing as C;
      const config: Record<string, unknown> = {
        region,
        retryStrategy: sdkRetryStrategy(settings.retryPolicy ?? DEFAULT_RETRY_POLICY),
      };
      if (credentials) config.credentials = credentials;
      // A bucket answered from the wrong region is retried in its own (a mislabelled region costs a request, not an ERROR).
      if (S3_CLIENTS.has(ctor.name)) config.followRegionRedirects = true;
      if (settings.endpointUrl) {
        config.endpoint = settings.endpointUrl;
        if (S3_CLIENTS.has(ctor.name)) config.forcePathStyle = true;
        if (ACCOUNT_HOST_CLIENTS.has(ctor.name)) {
          // The endpoint rules put the account id in front of the host (<account>.<host>), which an
          // emulator or VPC endpoint does not resolve: send every call to the endpoint as given.
          const url = new URL(settings.endpointUrl);
          config.endpointProvider = () => ({ url });
        }
      }
      const client = new ctor(config);
      client.middlewareStack.add(endpointOfErrors as never, { step: 'deserialize', name: 'rampartEndpointOfErrors', override: true });
      attachCallStats(client as unknown as Parameters<typeof attachCallStats>[0]);
      if (settings.counter) settings.counter.attach(client, accountId, region);
      cache.set(ctor.name, client);
      return client;
    },
    destroy(): void {
      for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
}
