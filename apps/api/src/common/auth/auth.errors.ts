/** Error codes of authentication: the guard (here), sign-in and sessions (auth module), passwords (users module). */
export enum AuthErrorCode {
  INVALID_CREDENTIALS = 'AUTH_INVALID_CREDENTIALS',
  /** No longer answered (issue 13): a locked account answers INVALID_CREDENTIALS like an unknown one; its owner is told by notification. */
  ACCOUNT_LOCKED = 'AUTH_ACCOUNT_LOCKED',
  ACCOUNT_DISABLED = 'AUTH_ACCOUNT_DISABLED',
  INVALID_REFRESH_TOKEN = 'AUTH_INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_REUSED = 'AUTH_REFRESH_TOKEN_REUSED',
  INVALID_ACCESS_TOKEN = 'AUTH_INVALID_ACCESS_TOKEN',
  WEAK_PASSWORD = 'AUTH_WEAK_PASSWORD',
  WRONG_CURRENT_PASSWORD = 'AUTH_WRONG_CURRENT_PASSWORD',
  EMAIL_TAKEN = 'AUTH_EMAIL_TAKEN',
  CREDIT_CODE_TAKEN = 'AUTH_CREDIT_CODE_TAKEN',
  /** The password came from configuration or is published: it must be changed before anything else works. */
  PASSWORD_CHANGE_REQUIRED = 'AUTH_PASSWORD_CHANGE_REQUIRED',
  /** A published password may not be chosen. */
  PUBLISHED_PASSWORD = 'AUTH_PUBLISHED_PASSWORD',
}
