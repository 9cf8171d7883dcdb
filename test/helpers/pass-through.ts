/**
 * aws-sdk-client-mock on top of the emulator: the named commands go through
 * to moto, so a test can inject one fault and keep every other call real.
 */
import { mockClient } from 'aws-sdk-client-mock';

type Sendable = { send(command: object): Promise<unknown> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SDK client and command constructors differ in their config types
type Ctor<T> = new (...args: any[]) => T;

export interface PassThroughMock {
  /** Answers `command` with `fake` instead (which may call `real` to go through). */
  fake<I extends object>(command: Ctor<object>, fake: (input: I, real: (input: I) => Promise<unknown>) => Promise<unknown>): void;
  restore(): void;
}

export function passThrough(client: { prototype: Sendable }, commands: ReadonlyArray<Ctor<object>>): PassThroughMock {
  const originalSend = client.prototype.send as (this: Sendable, command: object) => Promise<unknown>;
  const mock = mockClient(client as never);
  const current = (): Sendable => mock.send.thisValues.at(-1) as Sendable;
  const realFor = (command: Ctor<object>) => (input: object) => originalSend.call(current(), new command(input));
  for (const command of commands) mock.on(command as never).callsFake((input: object) => realFor(command)(input));
  return {
    fake<I extends object>(command: Ctor<object>, fake: (input: I, real: (input: I) => Promise<unknown>) => Promise<unknown>): void {
      mock.on(command as never).callsFake((input: I) => fake(input, realFor(command) as (input: I) => Promise<unknown>));
    },
    restore: () => mock.restore(),
  };
}
