import { jwtSecretProblem, passwordMustBeReplaced } from './published-defaults';

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
