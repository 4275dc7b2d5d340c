import { assertPasswordPolicy, hashPassword, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Green#Zhanjiang2026');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'Green#Zhanjiang2026')).toBe(true);
    expect(await verifyPassword(h, 'green#zhanjiang2026')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('enforces the password policy: length and three character classes', () => {
    expect(() => assertPasswordPolicy('Short#1')).toThrow();
    expect(() => assertPasswordPolicy('alllowercaseletters')).toThrow();
    expect(() => assertPasswordPolicy('lowercase and 123456')).not.toThrow();
    expect(() => assertPasswordPolicy('Green#Zhanjiang2026')).not.toThrow();
  });
});
