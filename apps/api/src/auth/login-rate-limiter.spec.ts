import { addressKey, retryAfterSeconds } from './login-rate-limiter';

describe('addressKey', () => {
  it('counts IPv4 as is (also IPv4-mapped) and IPv6 by its /64 network', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:eeee:dddd:cccc')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('retryAfterSeconds (the sliding window of a throttle)', () => {
  const WINDOW = 600_000;

  it('lets a key try while fewer than N attempts fall in the window, then until the oldest counted one leaves it', () => {
    const t0 = 1_000_000;
    expect(retryAfterSeconds([t0, t0 + 1000], t0 + 2000, 3, WINDOW)).toBe(0);
    expect(retryAfterSeconds([t0, t0 + 1000, t0 + 2000], t0 + 3000, 3, WINDOW)).toBe(600 - 3);
    // The first attempt leaves the window: two remain, the key may try again.
    expect(retryAfterSeconds([t0, t0 + 1000, t0 + 2000], t0 + 600_000, 3, WINDOW)).toBe(0);
  });

  it('counts from the newest N when more were given, and waits at least a second', () => {
    const t0 = 5_000_000;
    expect(retryAfterSeconds([t0 - 900_000, t0 - 100, t0 - 50], t0, 2, WINDOW)).toBe(600);
    expect(retryAfterSeconds([t0 - WINDOW + 1, t0], t0, 2, WINDOW)).toBe(1);
  });
});
