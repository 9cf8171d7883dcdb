import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPublicCidr, isWorldOpen, parseCidr } from '../../src/util/cidr.js';

describe('cidr', () => {
  it('parses IPv4 and IPv6 ranges, normalising host bits', () => {
    assert.equal(parseCidr('10.1.2.3/8')?.start, parseCidr('10.0.0.0/8')?.start);
    assert.equal(parseCidr('2001:db8::1/32')?.version, 6);
    assert.equal(parseCidr('::ffff:10.0.0.1/128')?.version, 6);
  });

  it('rejects malformed input', () => {
    for (const bad of ['10.0.0/8', '256.0.0.0/8', '10.0.0.0/33', '1::2::3/64', '10.0.0.0/x', 'gggg::/16']) assert.equal(parseCidr(bad), undefined, bad);
  });

  it('knows which ranges are public', () => {
    for (const publicRange of ['0.0.0.0/0', '203.0.113.0/24', '8.8.8.8/32', '10.0.0.0/7', '::/0', '2001:db8::/32', '172.15.0.0/16']) assert.equal(isPublicCidr(publicRange), true, publicRange);
    for (const privateRange of ['10.0.0.0/8', '172.16.0.0/12', '172.31.255.0/24', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.1/32', '169.254.169.254/32', 'fc00::/7', 'fe80::1/128', '::1/128']) assert.equal(isPublicCidr(privateRange), false, privateRange);
  });

  it('treats unparseable ranges as public (never a silent pass)', () => {
    assert.equal(isPublicCidr('not-a-cidr'), true);
  });

  it('recognises the world-open ranges only', () => {
    assert.equal(isWorldOpen('0.0.0.0/0'), true);
    assert.equal(isWorldOpen('::/0'), true);
    assert.equal(isWorldOpen('0.0.0.0/1'), false);
  });
});
