import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { isPublicCidr, isWorldOpen, parseCidr } from '../../src/util/cidr.js';

describe('cidr', () => {
  it('parses IPv4 and IPv6 ranges, normalising host bits', () => {
    assert.equal(parseCidr('10.1.2.3/8')?.start, parseCidr('10.0.0.0/8')?.start);
    assert.equal(parseCidr('2600:1f18::1/32')?.version, 6);
    assert.equal(parseCidr('::ffff:10.0.0.1/128')?.version, 6);
  });

  it('rejects malformed input', () => {
    for (const bad of ['10.0.0/8', '256.0.0.0/8', '10.0.0.0/33', '1::2::3/64', '10.0.0.0/x', 'gggg::/16']) assert.equal(parseCidr(bad), undefined, bad);
  });

  it('knows which ranges are public', () => {
    for (const publicRange of ['0.0.0.0/0', '8.8.8.8/32', '52.94.76.0/22', '10.0.0.0/7', '::/0', '2600:1f18::/32', '172.15.0.0/16']) assert.equal(isPublicCidr(publicRange), true, publicRange);
    for (const privateRange of ['10.0.0.0/8', '172.16.0.0/12', '172.31.255.0/24', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.1/32', '169.254.169.254/32', 'fc00::/7', 'fe80::1/128', '::1/128']) assert.equal(isPublicCidr(privateRange), false, privateRange);
  });

  it('every IANA special-purpose entry that is not globally reachable is not public, nor is any range inside one', () => {
    const notGlobal = [
      '0.0.0.0/8', '0.0.0.0/32', '192.0.0.0/29', '192.0.0.8/32', '192.0.0.170/32', '192.0.0.171/32', '192.0.2.0/24', '192.88.99.2/32',
      '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32',
      '::/128', '::ffff:0:0/96', '64:ff9b:1::/48', '100::/64', '100:0:0:1::/64', '2001:2::/48', '2001:db8::/32', '3fff::/20', '5f00::/16',
    ];
    const inside = ['0.1.2.3/32', '198.19.255.0/24', '203.0.113.7/32', '192.0.2.128/25', '250.1.0.0/16', '::ffff:8.8.8.8/128', '2001:db8:1::/48', '3fff:fff::/32', '5f00:1::/32', '64:ff9b:1:2::/64'];
    for (const range of [...notGlobal, ...inside]) assert.equal(isPublicCidr(range), false, range);
  });

  it('the globally reachable entries inside a non-global block are public, and so is any range holding one', () => {
    const global = ['192.0.0.9/32', '192.0.0.10/32', '2001:1::1/128', '2001:1::2/128', '2001:1::3/128', '2001:3::/32', '2001:4:112::/48', '2001:20::/28', '2001:30::/28'];
    for (const range of [...global, '192.0.0.0/24', '192.0.0.8/30', '2001::/23', '2001:1::/64', '2001:4::/32']) assert.equal(isPublicCidr(range), true, range);
    // The rest of those blocks is not public: Teredo, the deprecated ORCHID block, the IETF /24 outside its anycast addresses.
    for (const range of ['192.0.0.0/29', '192.0.0.11/32', '192.0.0.128/25', '2001::/32', '2001:1::4/128', '2001:10::/28', '2001:4:113::/48']) assert.equal(isPublicCidr(range), false, range);
  });

  it('entries whose reachability the registries leave open stay public: 6to4 and the deprecated 6to4 relay block', () => {
    for (const range of ['2002::/16', '2002:808:808::/48', '192.88.99.0/24', '192.88.99.1/32', '64:ff9b::/96', '192.31.196.0/24']) assert.equal(isPublicCidr(range), true, range);
  });

  it('multicast is never a source address, so it is not public', () => {
    for (const range of ['224.0.0.0/4', '239.255.255.250/32', 'ff00::/8', 'ff02::1/128']) assert.equal(isPublicCidr(range), false, range);
  });

  it('a range spanning adjacent non-public blocks is not public; one reaching past them is', () => {
    assert.equal(isPublicCidr('224.0.0.0/3'), false, 'multicast and reserved together');
    assert.equal(isPublicCidr('100::/63'), false, 'discard-only and dummy prefix together');
    assert.equal(isPublicCidr('192.0.0.0/23'), true);
    assert.equal(isPublicCidr('198.16.0.0/14'), true);
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
