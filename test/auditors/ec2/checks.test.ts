import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import publicPorts from '../../../auditors/ec2/checks/ec2-security-group-no-public-restricted-ports.js';
import defaultGroup from '../../../auditors/ec2/checks/ec2-default-security-group-restricts-all-traffic.js';
import authorizedPorts from '../../../auditors/ec2/checks/ec2-security-group-open-only-to-authorized-ports.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { Verdict } from '../../../src/core/check.js';
import { MissingInputError } from '../../../src/core/check.js';
import { group, inventory, prefixList, rule, task } from './fixtures.js';

interface Params {
  restrictedPorts: number[];
  openPartlyLevelsBelow: number;
}
const defaults = publicPorts.parameters?.parse({}) as Params;
const params = (overrides: Partial<Params>): Params => publicPorts.parameters?.parse(overrides) as Params;
const perms = (verdict: Verdict): Array<Record<string, unknown>> => (verdict.status === 'FAILED' ? (verdict.evidence.perms as Array<Record<string, unknown>>) : []);
const summary = (verdict: Verdict): string => verdict.summary ?? '';

describe('ec2-security-group-no-public-restricted-ports', () => {
  it('fails open_completely for SSH open to 0.0.0.0/0, listing the rule', () => {
    // prepare
    const sg = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })]);
    // act
    const verdict = publicPorts.evaluate(sg, defaults, inventory());
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.status, 'open_completely');
    assert.deepEqual(perms(verdict), [
      { protocol: 'tcp', from_port: 22, to_port: 22, cidr: '0.0.0.0/0', status: 'open_completely', restricted_ports: [22] },
    ]);
    assert.equal(summary(verdict), 'sg-1 (web) is open_completely: tcp/22 from 0.0.0.0/0');
  });

  it('fails open_partly for a public /22 and open_completely for ::/0', () => {
    const partly = publicPorts.evaluate(group([rule({ fromPort: 3306, toPort: 3306, ipv4Ranges: ['52.94.76.0/22'] })]), defaults, inventory());
    const v6 = publicPorts.evaluate(group([rule({ fromPort: 5432, toPort: 5432, ipv6Ranges: ['::/0'] })]), defaults, inventory());
    assert.equal(partly.status === 'FAILED' && partly.evidence.status, 'open_partly');
    assert.equal(v6.status === 'FAILED' && v6.evidence.status, 'open_completely');
  });

  it('counts all-protocol and all-port rules, in IPv4 and IPv6', () => {
    const allProtocols = publicPorts.evaluate(group([rule({ protocol: '-1', ipv6Ranges: ['2600:1f18::/32'] })]), defaults, inventory());
    const allPorts = publicPorts.evaluate(group([rule({ protocol: '6', fromPort: 0, toPort: 65535, ipv4Ranges: ['0.0.0.0/0'] })]), defaults, inventory());
    assert.equal(allProtocols.status, 'FAILED');
    assert.deepEqual(perms(allProtocols)[0]?.restricted_ports, [...defaults.restrictedPorts].sort((a, b) => a - b));
    assert.deepEqual(perms(allProtocols)[0], { protocol: 'all', from_port: 0, to_port: 65535, cidr: '2600:1f18::/32', status: 'open_partly', restricted_ports: [...defaults.restrictedPorts].sort((a, b) => a - b) });
    assert.equal(allPorts.status, 'FAILED');
    assert.equal(perms(allPorts)[0]?.protocol, 'tcp');
  });

  it('passes for private and other non-public ranges, non-restricted ports, ICMP, ICMPv6 and group references', () => {
    const sg = group([
      rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.1.0/24', '100.64.0.0/10'], ipv6Ranges: ['fd00::/8'] }),
      rule({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] }),
      rule({ protocol: 'icmp', fromPort: -1, toPort: -1, ipv4Ranges: ['0.0.0.0/0'] }),
      rule({ protocol: '58', fromPort: -1, toPort: -1, ipv6Ranges: ['::/0'] }),
      rule({ protocol: 'icmpv6', ipv6Ranges: ['::/0'] }),
      rule({ protocol: '-1', groupIds: ['sg-2'] }),
    ]);
    assert.equal(publicPorts.evaluate(sg, defaults, inventory()).status, 'PASSED');
  });

  it('passes for the documentation, benchmarking and multicast ranges, which are not public', () => {
    const sg = group([
      rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['198.18.0.0/15', '203.0.113.0/24', '192.0.2.0/24', '224.0.0.0/4'], ipv6Ranges: ['2001:db8::/32', '3fff::/20'] }),
      rule({ protocol: '-1', ipv4Ranges: ['198.51.100.0/24'] }),
    ]);
    assert.equal(publicPorts.evaluate(sg, defaults, inventory()).status, 'PASSED');
  });

  it('edge: a range that only partly overlaps private space is public (10.0.0.0/7)', () => {
    const verdict = publicPorts.evaluate(group([rule({ fromPort: 20, toPort: 25, ipv4Ranges: ['10.0.0.0/7'] })]), defaults, inventory());
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(perms(verdict)[0]?.restricted_ports, [21, 22, 23]);
  });

  it('uses the configured restricted ports', () => {
    const sg = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] }), rule({ fromPort: 8000, toPort: 9000, ipv4Ranges: ['8.8.8.8/32'] })]);
    const verdict = publicPorts.evaluate(sg, params({ restrictedPorts: [8080] }), inventory());
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.status, 'open_partly');
  });

  it('rejects invalid parameters', () => {
    assert.equal(publicPorts.parameters?.safeParse({ restrictedPorts: [70000] }).success, false);
    assert.equal(publicPorts.parameters?.safeParse({ ports: [22] }).success, false);
    assert.equal(publicPorts.parameters?.safeParse({ openPartlyLevelsBelow: -1 }).success, false);
    assert.equal(publicPorts.parameters?.safeParse({ openPartlyLevelsBelow: 1.5 }).success, false);
  });

  describe('protocols', () => {
    it('a protocol other than TCP, UDP, ICMP and ICMPv6 opens every port, whatever ports the rule names', () => {
      // prepare: ESP by number, GRE by name, SCTP with a port range AWS ignores
      const sg = group([
        rule({ protocol: '50', ipv4Ranges: ['0.0.0.0/0'] }),
        rule({ protocol: 'gre', fromPort: -1, toPort: -1, ipv4Ranges: ['8.8.8.0/24'] }),
        rule({ protocol: '132', fromPort: 443, toPort: 443, ipv6Ranges: ['2600:1f18::/32'] }),
      ]);
      // act
      const verdict = publicPorts.evaluate(sg, defaults, inventory());
      // assert
      assert.equal(verdict.status, 'FAILED');
      const all = [...defaults.restrictedPorts].sort((a, b) => a - b);
      assert.deepEqual(perms(verdict), [
        { protocol: 'esp', ip_protocol: '50', from_port: 0, to_port: 65535, cidr: '0.0.0.0/0', status: 'open_completely', restricted_ports: all },
        { protocol: 'gre', from_port: 0, to_port: 65535, cidr: '8.8.8.0/24', status: 'open_partly', restricted_ports: all },
        { protocol: 'sctp', ip_protocol: '132', from_port: 0, to_port: 65535, cidr: '2600:1f18::/32', status: 'open_partly', restricted_ports: all },
      ]);
      assert.equal(summary(verdict), 'sg-1 (web) is open_completely: esp (protocol 50) on every port from 0.0.0.0/0; gre on every port from 8.8.8.0/24; sctp (protocol 132) on every port from 2600:1f18::/32');
    });

    it('an unnamed protocol number is named by its number', () => {
      const verdict = publicPorts.evaluate(group([rule({ protocol: '253', ipv4Ranges: ['0.0.0.0/0'] })]), defaults, inventory());
      assert.equal(perms(verdict)[0]?.protocol, '253');
      assert.match(summary(verdict), /protocol 253 on every port from 0\.0\.0\.0\/0/);
    });

    it('protocol numbers and names are normalised: 6 is tcp, 17 is udp, 1 and 58 carry no ports, all is -1', () => {
      const tcp = publicPorts.evaluate(group([rule({ protocol: '6', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })]), defaults, inventory());
      const udp = publicPorts.evaluate(group([rule({ protocol: '17', fromPort: 161, toPort: 161, ipv4Ranges: ['0.0.0.0/0'] })]), params({ restrictedPorts: [161] }), inventory());
      const all = publicPorts.evaluate(group([rule({ protocol: 'ALL', ipv4Ranges: ['0.0.0.0/0'] })]), defaults, inventory());
      const icmp = publicPorts.evaluate(group([rule({ protocol: '1', fromPort: 8, toPort: 0, ipv4Ranges: ['0.0.0.0/0'] }), rule({ protocol: '058', ipv6Ranges: ['::/0'] })]), defaults, inventory());
      assert.equal(perms(tcp)[0]?.protocol, 'tcp');
      assert.equal(perms(udp)[0]?.protocol, 'udp');
      assert.equal(perms(all)[0]?.protocol, 'all');
      assert.equal(icmp.status, 'PASSED');
    });

    it('the summary names the protocol: a UDP rule does not read as a TCP service', () => {
      // prepare
      const sg = group([
        rule({ protocol: 'udp', fromPort: 161, toPort: 161, ipv4Ranges: ['0.0.0.0/0'] }),
        rule({ protocol: 'udp', fromPort: 53, toPort: 53, ipv4Ranges: ['8.8.8.0/24', '52.94.76.0/22'] }),
        rule({ protocol: 'tcp', fromPort: 20, toPort: 23, ipv6Ranges: ['::/0'] }),
        rule({ protocol: '-1', ipv4Ranges: ['52.94.76.0/22'] }),
      ]);
      // act
      const verdict = publicPorts.evaluate(sg, params({ restrictedPorts: [21, 22, 53, 161] }), inventory());
      // assert
      assert.equal(summary(verdict), 'sg-1 (web) is open_completely: udp/161 from 0.0.0.0/0; udp/53 from 8.8.8.0/24, 52.94.76.0/22; tcp/21,22 from ::/0; all protocols and ports from 52.94.76.0/22');
      assert.deepEqual(perms(verdict).map((p) => `${String(p.protocol)} ${String(p.cidr)} ${String(p.restricted_ports)}`), [
        'udp 0.0.0.0/0 161', 'udp 8.8.8.0/24 53', 'udp 52.94.76.0/22 53', 'tcp ::/0 21,22', 'all 52.94.76.0/22 21,22,53,161',
      ]);
    });

    it('a long summary names the first ranges and rules and counts the rest', () => {
      const cidrs = ['8.8.8.0/24', '8.8.4.0/24', '1.1.1.0/24', '9.9.9.0/24', '52.94.76.0/22'];
      const sg = group([1, 2, 3, 4, 5, 6, 7].map((n) => rule({ protocol: 'udp', fromPort: n, toPort: n, ipv4Ranges: cidrs })));
      const verdict = publicPorts.evaluate(sg, params({ restrictedPorts: [1, 2, 3, 4, 5, 6, 7] }), inventory());
      assert.equal(summary(verdict), 'sg-1 (web) is open_partly: udp/1 from 8.8.8.0/24, 8.8.4.0/24, 1.1.1.0/24, and 2 more; udp/2 from 8.8.8.0/24, 8.8.4.0/24, 1.1.1.0/24, and 2 more; udp/3 from 8.8.8.0/24, 8.8.4.0/24, 1.1.1.0/24, and 2 more; udp/4 from 8.8.8.0/24, 8.8.4.0/24, 1.1.1.0/24, and 2 more; udp/5 from 8.8.8.0/24, 8.8.4.0/24, 1.1.1.0/24, and 2 more; and 2 more');
      assert.equal(perms(verdict).length, 35);
    });
  });

  describe('managed prefix lists', () => {
    const unreadable = { 'pl-denied': { ok: false as const, error: 'UnauthorizedOperation: not authorized (injected)' } };

    it('a rule that references a prefix list applies to each of its entries', () => {
      // prepare
      const sg = group([rule({ fromPort: 22, toPort: 22, prefixListIds: ['pl-1'] })]);
      const inv = inventory([sg], { prefixLists: prefixList('pl-1', ['10.0.0.0/8', '8.8.8.0/24', '52.94.76.0/22'], { name: 'partners' }) });
      // act
      const verdict = publicPorts.evaluate(sg, defaults, inv);
      // assert
      assert.equal(verdict.status, 'FAILED');
      assert.deepEqual(perms(verdict), [
        { protocol: 'tcp', from_port: 22, to_port: 22, cidr: '8.8.8.0/24', prefix_list_id: 'pl-1', status: 'open_partly', restricted_ports: [22] },
        { protocol: 'tcp', from_port: 22, to_port: 22, cidr: '52.94.76.0/22', prefix_list_id: 'pl-1', status: 'open_partly', restricted_ports: [22] },
      ]);
      assert.equal(summary(verdict), 'sg-1 (web) is open_partly: tcp/22 from prefix list pl-1 (partners): 8.8.8.0/24, 52.94.76.0/22');
    });

    it('a prefix list holding 0.0.0.0/0 or ::/0 makes the rule open_completely, at the full severity', () => {
      const sg = group([rule({ protocol: '-1', prefixListIds: ['pl-world'] })]);
      const inv = inventory([sg], { prefixLists: prefixList('pl-world', ['::/0']) });
      const { results } = evaluateChecks(task([publicPorts]), inv);
      assert.deepEqual(results.map((r) => [r.status, r.severity, r.evidence.status]), [['FAILED', 'HIGH', 'open_completely']]);
      assert.match(results[0]?.summary ?? '', /all protocols and ports from prefix list pl-world: ::\/0/);
    });

    it('passes when every entry of the list is non-public', () => {
      const sg = group([rule({ fromPort: 0, toPort: 65535, prefixListIds: ['pl-internal'] })]);
      const inv = inventory([sg], { prefixLists: prefixList('pl-internal', ['10.0.0.0/8', '198.18.0.0/15', 'fd00::/8']) });
      assert.equal(publicPorts.evaluate(sg, defaults, inv).status, 'PASSED');
    });

    it('a list that could not be read makes the groups whose restricted ports it reaches ERROR, and only those', () => {
      // prepare
      const denied = group([rule({ fromPort: 22, toPort: 22, prefixListIds: ['pl-denied'] })], { groupId: 'sg-denied' });
      const https = group([rule({ fromPort: 443, toPort: 443, prefixListIds: ['pl-denied'] })], { groupId: 'sg-https' });
      const other = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })], { groupId: 'sg-other' });
      // act
      const { results } = evaluateChecks(task([publicPorts]), inventory([denied, https, other], { prefixLists: unreadable }));
      // assert
      assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['sg-denied ERROR', 'sg-https PASSED', 'sg-other FAILED']);
      assert.match(results[0]?.summary ?? '', /prefix list pl-denied, which opens tcp\/22, could not be read: UnauthorizedOperation/);
    });

    it('the ERROR names the protocol of the rule whose list could not be read', () => {
      const sg = group([rule({ protocol: '50', prefixListIds: ['pl-denied'] })]);
      assert.throws(() => publicPorts.evaluate(sg, defaults, inventory([sg], { prefixLists: unreadable })), /prefix list pl-denied, which opens esp \(protocol 50\) on every port, could not be read/);
    });

    it('an unreadable list is an ERROR while it could change the verdict or its severity, not once the group is open_completely', () => {
      const unreadableRule = rule({ protocol: '-1', prefixListIds: ['pl-denied'] });
      const partly = group([unreadableRule, rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['8.8.8.0/24'] })]);
      const completely = group([unreadableRule, rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })]);
      assert.throws(() => publicPorts.evaluate(partly, defaults, inventory([], { prefixLists: unreadable })), MissingInputError);
      const verdict = publicPorts.evaluate(completely, defaults, inventory([], { prefixLists: unreadable }));
      assert.equal(verdict.status, 'FAILED');
      assert.equal(verdict.status === 'FAILED' && verdict.levelsBelow, undefined);
      assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.unreadable_prefix_lists, [{ prefix_list_id: 'pl-denied', error: 'UnauthorizedOperation: not authorized (injected)' }]);
    });

    it('a referenced list missing from the inventory is never read as empty', () => {
      const sg = group([rule({ fromPort: 3389, toPort: 3389, prefixListIds: ['pl-unknown'] })]);
      assert.throws(() => publicPorts.evaluate(sg, defaults, inventory([sg])), /prefix list pl-unknown, which opens tcp\/3389, could not be read: it was not collected/);
    });
  });

  describe('severity', () => {
    it('an open_partly-only finding is one level below the check by default; open_completely keeps the full severity', () => {
      // prepare
      const partly = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['8.8.8.0/24'] })], { groupId: 'sg-partly' });
      const both = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['8.8.8.0/24'] }), rule({ fromPort: 3389, toPort: 3389, ipv6Ranges: ['::/0'] })], { groupId: 'sg-both' });
      // act
      const { results } = evaluateChecks(task([publicPorts]), inventory([partly, both]));
      // assert
      assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status} ${r.severity}`), ['sg-partly FAILED MEDIUM', 'sg-both FAILED HIGH']);
    });

    it('openPartlyLevelsBelow sets how much lower, 0 meaning the same severity, never below LOW', () => {
      const partly = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['8.8.8.0/24'] })]);
      const levelsBelow = (levels: number): number | undefined => {
        const verdict = publicPorts.evaluate(partly, params({ openPartlyLevelsBelow: levels }), inventory());
        return verdict.status === 'FAILED' ? verdict.levelsBelow : -1;
      };
      assert.equal(levelsBelow(0), undefined);
      assert.equal(levelsBelow(2), 2);
      const severity = (levels: number): string | undefined =>
        evaluateChecks(task([publicPorts], { [publicPorts.meta.id]: { openPartlyLevelsBelow: levels } }), inventory([partly])).results[0]?.severity;
      assert.deepEqual([0, 1, 2, 3].map((levels) => severity(levels)), ['HIGH', 'MEDIUM', 'LOW', 'LOW']);
    });
  });
});

describe('ec2-default-security-group-restricts-all-traffic', () => {
  it('judges only the default groups of VPCs', () => {
    const inv = inventory([group([], { groupName: 'default' }), group([], { groupName: 'web' }), group([], { groupName: 'default', vpcId: undefined })]);
    assert.equal(defaultGroup.select(inv).length, 1);
  });

  it('fails when the default group has any rule, listing them', () => {
    const sg = group([rule({ protocol: '-1', groupIds: ['sg-1'] })], { groupName: 'default', egress: [rule({ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })] });
    const verdict = defaultGroup.evaluate(sg, {}, inventory());
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && (verdict.evidence.rules as unknown[]).length, 2);
  });

  it('a prefix-list rule is a rule: it fails, naming the list, even when the list could not be read', () => {
    const sg = group([rule({ fromPort: 443, toPort: 443, prefixListIds: ['pl-denied'] })], { groupName: 'default' });
    const inv = inventory([sg], { prefixLists: { 'pl-denied': { ok: false, error: 'UnauthorizedOperation' } } });
    const { results } = evaluateChecks(task([defaultGroup]), inv);
    assert.deepEqual(results.map((r) => r.status), ['FAILED']);
    assert.deepEqual(results[0]?.evidence.rules, [{ direction: 'ingress', protocol: 'tcp', from_port: 443, to_port: 443, sources: ['pl-denied'] }]);
  });

  it('passes when the default group has no rules', () => {
    assert.equal(defaultGroup.evaluate(group([], { groupName: 'default' }), {}, inventory()).status, 'PASSED');
  });
});

describe('ec2-security-group-open-only-to-authorized-ports', () => {
  type AuthorizedParams = { authorizedTcpPorts: number[]; authorizedUdpPorts: number[] };
  const authorized = (overrides: Partial<AuthorizedParams> = {}): AuthorizedParams => authorizedPorts.parameters?.parse(overrides) as AuthorizedParams;
  const reached = (verdict: Verdict): string[] => perms(verdict).map((p) => `${String(p.protocol)} ${String(p.unauthorized_ports)} from ${String(p.cidr)}${p.prefix_list_id ? ` via ${String(p.prefix_list_id)}` : ''}`);

  it('fails any port open to 0.0.0.0/0 or ::/0 beyond 80 and 443, whatever the port', () => {
    // prepare
    const sg = group([
      rule({ fromPort: 8080, toPort: 8080, ipv4Ranges: ['0.0.0.0/0'] }),
      rule({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] }),
      rule({ protocol: 'udp', fromPort: 53, toPort: 53, ipv6Ranges: ['::/0'] }),
    ]);

    // act
    const verdict = authorizedPorts.evaluate(sg, authorized(), inventory());

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(reached(verdict), ['tcp 8080 from 0.0.0.0/0', 'udp 53 from ::/0']);
    assert.equal(summary(verdict), 'sg-1 (web) opens unauthorized ports to the internet: tcp/8080 from 0.0.0.0/0; udp/53 from ::/0');
  });

  it('passes web ports open to the world, and any port open to narrower public or private ranges', () => {
    // prepare
    const sg = group([
      rule({ fromPort: 80, toPort: 80, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] }),
      rule({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] }),
      rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['8.8.8.0/24', '10.0.0.0/8'] }),
      rule({ protocol: '-1', groupIds: ['sg-2'] }),
    ]);

    // act
    const verdict = authorizedPorts.evaluate(sg, authorized(), inventory());

    // assert
    assert.equal(verdict.status, 'PASSED');
  });

  it('edge: a range holding authorized ports fails for the rest; all-protocol rules and other protocols always fail; ICMP is not judged', () => {
    // prepare
    const sg = group([
      rule({ fromPort: 0, toPort: 1024, ipv4Ranges: ['0.0.0.0/0'] }),
      rule({ protocol: '-1', ipv6Ranges: ['::/0'] }),
      rule({ protocol: '50', ipv4Ranges: ['0.0.0.0/0'] }),
      rule({ protocol: 'icmp', fromPort: -1, toPort: -1, ipv4Ranges: ['0.0.0.0/0'] }),
    ]);

    // act
    const verdict = authorizedPorts.evaluate(sg, authorized(), inventory());

    // assert
    assert.deepEqual(reached(verdict), ['tcp 0-79, 81-442, 444-1024 from 0.0.0.0/0', 'all 0-65535 from ::/0', 'esp 0-65535 from 0.0.0.0/0']);
    assert.match(summary(verdict), /all protocols and ports from ::\/0; esp on every port from 0\.0\.0\.0\/0/);
  });

  it('edge: the allowlists are the parameters, per protocol', () => {
    // prepare
    const sg = group([rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] }), rule({ protocol: 'udp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })]);

    // act
    const byDefault = authorizedPorts.evaluate(sg, authorized(), inventory());
    const widened = authorizedPorts.evaluate(sg, authorized({ authorizedTcpPorts: [22], authorizedUdpPorts: [443] }), inventory());

    // assert
    assert.deepEqual(reached(byDefault), ['tcp 22 from 0.0.0.0/0', 'udp 443 from 0.0.0.0/0']);
    assert.equal(widened.status, 'PASSED');
    assert.throws(() => authorizedPorts.parameters?.parse({ authorizedTcpPorts: [70000] }));
  });

  it('a prefix list holding 0.0.0.0/0 opens the world through the rule; one holding narrower ranges does not', () => {
    // prepare
    const lists = { ...prefixList('pl-world', ['0.0.0.0/0']), ...prefixList('pl-partners', ['8.8.8.0/24']) };
    const sg = group([rule({ fromPort: 8443, toPort: 8443, prefixListIds: ['pl-world', 'pl-partners'] })]);

    // act
    const verdict = authorizedPorts.evaluate(sg, authorized(), inventory([sg], { prefixLists: lists }));

    // assert
    assert.deepEqual(reached(verdict), ['tcp 8443 from 0.0.0.0/0 via pl-world']);
  });

  it('an unreadable prefix list is an ERROR while the group would pass without it, and only on unauthorized ports', () => {
    // prepare
    const lists = { 'pl-denied': { ok: false as const, error: 'AccessDenied' } };
    const onApp = group([rule({ fromPort: 8080, toPort: 8080, prefixListIds: ['pl-denied'] })], { groupId: 'sg-app' });
    const onWeb = group([rule({ fromPort: 443, toPort: 443, prefixListIds: ['pl-denied'] })], { groupId: 'sg-web' });
    const alreadyOpen = group([rule({ fromPort: 8080, toPort: 8080, prefixListIds: ['pl-denied'], ipv4Ranges: ['0.0.0.0/0'] })], { groupId: 'sg-open' });

    // act
    const { results } = evaluateChecks(task([authorizedPorts]), inventory([onApp, onWeb, alreadyOpen], { prefixLists: lists }));

    // assert
    assert.deepEqual(results.map((r) => `${r.resource.id}=${r.status}`), ['sg-app=ERROR', 'sg-web=PASSED', 'sg-open=FAILED']);
    assert.match(results[0]?.summary ?? '', /prefix list pl-denied, which opens tcp\/8080, could not be read: AccessDenied/);
    assert.deepEqual(results[2]?.evidence.unreadable_prefix_lists, [{ prefix_list_id: 'pl-denied', error: 'AccessDenied' }]);
  });
});
