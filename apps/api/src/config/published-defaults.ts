/**
 * Secrets and passwords that anyone can read in this repository (its compose file, README,
 * .env.example, tests and benchmarks, and earlier versions of them). In production the platform
 * refuses to start with one of these JWT secrets, and an account signing in with one of these
 * passwords must change it before anything else works.
 */

/** JWT secrets published in the repository, now or before. */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [
  'change-me-to-a-long-random-secret-of-48-chars', // docker-compose.yml's former fallback
  'test-secret-that-is-long-enough-0123456789', // tests/support/test-app.ts
  'bench-secret-that-is-long-enough-0123456789', // apps/api/bench
];

/** The default administrator password docker-compose.yml used to fall back to: changed at first login in every environment. */
export const PUBLISHED_ADMIN_PASSWORD = 'Change#Me2026';

/** Passwords published in the repository (README's demo password, the tests' and benchmarks' administrator, the former default). */
export const PUBLISHED_PASSWORDS: readonly string[] = [PUBLISHED_ADMIN_PASSWORD, 'Demo@Zhanjiang2026', 'Admin#Zhanjiang2026', 'Test#Password2026'];

/** Why a JWT secret is unfit for production, or null. Placeholders and secrets of few distinct characters count as known. */
export function jwtSecretProblem(secret: string): string | null {
  if (PUBLISHED_JWT_SECRETS.includes(secret)) return 'is a published example value (docker-compose.yml / README / tests); generate your own, e.g. `openssl rand -base64 48`';
  if (/change[-_ ]?me|placeholder|your[-_ ]?secret|example/i.test(secret)) return 'looks like a placeholder; generate your own, e.g. `openssl rand -base64 48`';
  if (new Set(secret).size < 12) return 'has too few distinct characters to be random; generate your own, e.g. `openssl rand -base64 48`';
  return null;
}

/**
 * Whether signing in with this password must be followed by a change before anything else works:
 * the former default administrator password always; in production, any published password.
 */
export function passwordMustBeReplaced(password: string, production: boolean): boolean {
  return password === PUBLISHED_ADMIN_PASSWORD || (production && PUBLISHED_PASSWORDS.includes(password));
}
