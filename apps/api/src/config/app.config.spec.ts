import { ConfigError, loadConfig } from './app.config';

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
});
