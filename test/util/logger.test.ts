import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { createLogger, redact } from '../../src/util/logger.js';

describe('logger', () => {
  it('redacts access keys, secrets, tokens and signatures', () => {
    const line = redact('key AKIAIOSFODNN7EXAMPLE secretAccessKey: "wJalrXUtnFEMI/K7MDENG" SessionToken=abc123 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x X-Amz-Signature=deadbeef');
    assert.doesNotMatch(line, /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|abc123|eyJhbGciOiJIUzI1NiJ9|deadbeef/);
  });

  it('writes JSON lines with fields, and text lines without them', () => {
    const lines: string[] = [];
    createLogger({ format: 'json', level: 'info', write: (l) => lines.push(l) }).info('hello', { account: '1' });
    createLogger({ format: 'text', level: 'info', write: (l) => lines.push(l) }).warn('careful', { account: '1' });
    assert.deepEqual({ ...JSON.parse(lines[0] as string), time: undefined }, { time: undefined, level: 'info', message: 'hello', account: '1' });
    assert.equal(lines[1], 'WARN: careful');
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    createLogger({ format: 'text', level: 'info', write: (l) => lines.push(l) }).debug('noise');
    assert.equal(lines.length, 0);
  });
});
