import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { passwordPolicyProblem } from '@zj/shared';
import { AppException } from '../common/errors/app.exception';
import { AuthErrorCode } from '../common/auth/auth.errors';

/** Algorithm.Argon2id: a const enum, which isolated-module builds cannot read, so its value. */
const ARGON2ID = 2 as Algorithm;

/** argon2id with OWASP's recommended parameters (19 MiB, 2 passes). */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-Zj1!');
  return dummyHash;
}

export function assertPasswordPolicy(password: string, field = 'password'): void {
  const problem = passwordPolicyProblem(password);
  if (problem) throw AppException.badRequest(problem, AuthErrorCode.WEAK_PASSWORD, [{ field, messages: [problem] }]);
}
