/**
 * The Kinesis client rampart uses. The SDK's Kinesis client speaks HTTP/2 only;
 * an endpoint override at a plain http:// URL (the local emulator, or a proxy
 * without TLS) speaks HTTP/1.1, so there it is given the HTTP/1.1 handler
 * every other SDK client uses. Against AWS (https) nothing changes.
 *
 * AwsClients makes clients by their constructor: ask it for this class, not
 * for KinesisClient.
 */
import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export class RampartKinesisClient extends KinesisClient {
  constructor(config: KinesisClientConfig) {
    const plainHttp = typeof config.endpoint === 'string' && config.endpoint.startsWith('http:');
    super(plainHttp && config.requestHandler === undefined ? { ...config, requestHandler: new NodeHttpHandler() } : config);
  }
}
