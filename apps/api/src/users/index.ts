/** Public face of users: what other modules may import from it. */
export { toAuthUser } from './auth-user';
export { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';
export { SESSION_REVOKER } from './session-revoker';
export type { SessionRevoker } from './session-revoker';
export { User } from './user.entity';
export { UsersModule } from './users.module';
export { UsersWorkerModule } from './users-worker.module';
