import { forbiddenClass, isAllowed, parseAllowList } from './outbound-address';

describe('outbound addresses (webhooks and 企业微信 robots)', () => {
  it('classes the addresses a webhook must not reach, in IPv4 and IPv6', () => {
    const cases: [string, string | null][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.1.2', 'loopback'],
      ['::1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fc00::1', 'private'],
      ['fd12:3456::1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['febf::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['ff02::1', 'multicast'],
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
      ['::', 'unspecified'],
      ['255.255.255.255', 'reserved'],
      ['240.0.0.1', 'reserved'],
      ['192.0.2.10', 'reserved'],
      ['2001:db8::1', 'reserved'],
      // Public addresses are fine.
      ['8.8.8.8', null],
      ['172.32.0.1', null],
      ['172.15.255.255', null],
      ['169.255.0.1', null],
      ['2400:3200::1', null],
      ['2a00:1450:4001::200e', null],
    ];
    for (const [ip, cls] of cases) expect({ ip, cls: forbiddenClass(ip) }).toEqual({ ip, cls });
  });

  it('sees through IPv4 addresses wrapped in IPv6 (mapped, compatible, NAT64, 6to4)', () => {
    expect(forbiddenClass('::ffff:127.0.0.1')).toBe('loopback');
    expect(forbiddenClass('::ffff:7f00:1')).toBe('loopback');
    expect(forbiddenClass('::ffff:a9fe:a9fe')).toBe('link-local');
    expect(forbiddenClass('::ffff:10.1.2.3')).toBe('private');
    expect(forbiddenClass('::ffff:0.0.0.0')).toBe('unspecified');
    expect(forbiddenClass('::ffff:224.0.0.1')).toBe('multicast');
    expect(forbiddenClass('::10.0.0.1')).toBe('private');
    expect(forbiddenClass('64:ff9b::127.0.0.1')).toBe('loopback');
    expect(forbiddenClass('64:ff9b::c0a8:101')).toBe('private');
    expect(forbiddenClass('2002:a9fe:a9fe::1')).toBe('link-local');
    expect(forbiddenClass('::ffff:8.8.8.8')).toBeNull();
    expect(forbiddenClass('64:ff9b::808:808')).toBeNull();
  });

  it('anything that is not an IP address is refused rather than guessed at', () => {
    expect(forbiddenClass('example.com')).toBe('reserved');
    expect(forbiddenClass('')).toBe('reserved');
    expect(forbiddenClass('1.2.3')).toBe('reserved');
  });

  it('the allow-list names host names (exact or *.suffix), addresses and ranges', () => {
    const list = parseAllowList(' 127.0.0.1, 10.20.0.0/16 ,hooks.bank.internal, *.gov.internal, [fd00::1], fd10::/16 ');
    expect(isAllowed(list, '127.0.0.1', '127.0.0.1')).toBe(true);
    expect(isAllowed(list, 'localhost', '127.0.0.1')).toBe(true); // the address is allowed, whatever the name
    expect(isAllowed(list, 'x', '::ffff:127.0.0.1')).toBe(true);
    expect(isAllowed(list, 'x', '127.0.0.2')).toBe(false);
    expect(isAllowed(list, 'x', '10.20.255.1')).toBe(true);
    expect(isAllowed(list, 'x', '10.21.0.1')).toBe(false);
    expect(isAllowed(list, 'HOOKS.bank.internal', '192.168.3.4')).toBe(true);
    expect(isAllowed(list, 'hooks.bank.internal.', '192.168.3.4')).toBe(true);
    expect(isAllowed(list, 'other.bank.internal', '192.168.3.4')).toBe(false);
    expect(isAllowed(list, 'robot.gov.internal', '192.168.3.4')).toBe(true);
    expect(isAllowed(list, 'gov.internal', '192.168.3.4')).toBe(false);
    expect(isAllowed(list, 'x', 'fd00::1')).toBe(true);
    expect(isAllowed(list, 'x', 'fd10:1::5')).toBe(true);
    expect(isAllowed(list, 'x', 'fd11::5')).toBe(false);
    expect(isAllowed(parseAllowList(''), '127.0.0.1', '127.0.0.1')).toBe(false);
  });

  it('a malformed allow-list entry is an error, not silently ignored', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseAllowList('fd00::/129')).toThrow();
    expect(() => parseAllowList('999.1.1.1')).toThrow();
    expect(() => parseAllowList('http://x')).toThrow();
  });
});
