/** Fake credentials in their real formats, an AWS fault that quotes them, and the assertion that none leaked. */
import assert from 'node:assert/strict';

export const FAKE_KEY_ID = 'ASIAQX4ZLEAKTEST7KEY';
export const FAKE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiLEAKTESTKEY1';
export const FAKE_SESSION_TOKEN = `IQoJb3JpZ2luX2VjELEAKTEST//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'Lk3aZ9'.repeat(30)}`;
export const FAKE_SECRETS = [FAKE_KEY_ID, FAKE_SECRET, FAKE_SESSION_TOKEN] as const;

/** The text of an AWS error that echoes the caller's credentials (as signature and token errors can). */
export const LEAKY_MESSAGE = `User with access key ${FAKE_KEY_ID} and secret ${FAKE_SECRET} is not authorized; X-Amz-Security-Token=${FAKE_SESSION_TOKEN}`;

/** An SDK-shaped service error whose message quotes the fake credentials. */
export function leakyAwsError(name = 'AccessDeniedException', status = 403): Error {
  return Object.assign(new Error(LEAKY_MESSAGE), { name, $metadata: { httpStatusCode: status } });
}

/** No fake secret, nor a long piece of one, appears in `text`. */
export function assertNoSecrets(text: string, where: string): void {
  for (const secret of FAKE_SECRETS) {
    assert.ok(!text.includes(secret), `${where} holds ${secret.slice(0, 24)}…`);
    assert.ok(!text.includes(secret.slice(0, 16)), `${where} holds the start of ${secret.slice(0, 24)}…`);
  }
}
