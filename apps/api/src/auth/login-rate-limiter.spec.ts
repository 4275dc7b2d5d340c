import { AppConfig, loadConfig } from '../config/app.config';
import { addressKey, LoginAddressThrottle } from './login-rate-limiter';
import { jwtSecretProblem, passwordMustBeReplaced } from './published-defaults';

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

describe('LoginAddressThrottle', () => {
  const config = (over: Record<string, string>): AppConfig => loadConfig({ LOGIN_IP_MAX_FAILURES: '3', LOGIN_IP_WINDOW_MINUTES: '10', ...over });

  it('blocks an address after N failures in the window, until the oldest counted one leaves it', () => {
    const t = new LoginAddressThrottle(config({}));
    const t0 = 1_000_000;
    for (let i = 0; i < 2; i++) t.recordFailure('198.51.100.1', t0 + i * 1000);
    expect(t.retryAfterSeconds('198.51.100.1', t0 + 2000)).toBe(0);
    t.recordFailure('198.51.100.1', t0 + 2000);
    expect(t.retryAfterSeconds('198.51.100.1', t0 + 3000)).toBe(600 - 3);
    expect(t.retryAfterSeconds('198.51.100.2', t0 + 3000)).toBe(0);
    // The first failure leaves the window: two remain, the address may try again.
    expect(t.retryAfterSeconds('198.51.100.1', t0 + 600_000)).toBe(0);
  });

  it('counts an IPv6 /64 as one address', () => {
    const t = new LoginAddressThrottle(config({}));
    for (let i = 1; i <= 3; i++) t.recordFailure(`2001:db8:1:2::${i}`, 5000);
    expect(t.retryAfterSeconds('2001:db8:1:2::99', 6000)).toBeGreaterThan(0);
  });
});

describe('published defaults', () => {
  it('knows the published JWT secrets and placeholders', () => {
    expect(jwtSecretProblem('change-me-to-a-long-random-secret-of-48-chars')).toMatch(/published/);
    expect(jwtSecretProblem('x'.repeat(40))).toMatch(/distinct/);
    expect(jwtSecretProblem('dGhpcyBpcyBhIHJhbmRvbSBzZWNyZXQgb2YgNDggYnl0ZXM')).toBeNull();
  });

  it('holds the former default admin password everywhere and any published password in production', () => {
    expect(passwordMustBeReplaced('Change#Me2026', false)).toBe(true);
    expect(passwordMustBeReplaced('Demo@Zhanjiang2026', false)).toBe(false);
    expect(passwordMustBeReplaced('Demo@Zhanjiang2026', true)).toBe(true);
    expect(passwordMustBeReplaced('Somebody#Own2027', true)).toBe(false);
  });
});
