import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './app.config';

const ROOT = path.resolve(__dirname, '../../../..');

describe('loadConfig', () => {
  it('uses defaults for a bare environment (embedded engines)', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.usesEmbeddedDatabase).toBe(true);
    expect(c.usesRedis).toBe(false);
    expect(c.DEMO_DATA).toBe(true);
  });

  it('reads and converts values', () => {
    const c = loadConfig({ PORT: '8080', DEMO_DATA: 'false', DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' });
    expect(c.PORT).toBe(8080);
    expect(c.DEMO_DATA).toBe(false);
    expect(c.usesEmbeddedDatabase).toBe(false);
    expect(c.usesRedis).toBe(true);
  });

  it('refuses bad values with a message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('JWT_SECRET');
    }
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('refuses in production a published, placeholder or short JWT secret, saying why', () => {
    const prod = (JWT_SECRET: string) => () => loadConfig({ NODE_ENV: 'production', JWT_SECRET });
    // docker-compose.yml's former fallback, and the secrets of the repository's tests and benchmarks.
    expect(prod('change-me-to-a-long-random-secret-of-48-chars')).toThrow(/JWT_SECRET.*published/);
    expect(prod('test-secret-that-is-long-enough-0123456789')).toThrow(/JWT_SECRET.*published/);
    expect(prod('please-change-me-this-is-a-placeholder-value')).toThrow(/JWT_SECRET/);
    expect(prod('a'.repeat(48))).toThrow(/JWT_SECRET/);
    expect(prod('short-secret')).toThrow(/JWT_SECRET.*32/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(36).toString('base64url') })).not.toThrow();
    // Outside production the tests' secret is accepted.
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-0123456789' })).not.toThrow();
  });

  it('docker-compose.yml makes the operator set JWT_SECRET and ADMIN_PASSWORD (no working fallback)', () => {
    const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const name of ['JWT_SECRET', 'ADMIN_PASSWORD']) {
      const line = compose.split('\n').find((l) => l.trim().startsWith(`${name}:`));
      expect(line).toMatch(new RegExp(`\\$\\{${name}:\\?[^}]+\\}`));
      expect(line).not.toMatch(/:-/);
    }
  });
});
