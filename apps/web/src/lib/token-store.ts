/**
 * Where the session's tokens live.
 * - access token: in memory, mirrored to sessionStorage so a reload of the tab keeps the session;
 * - refresh token: in localStorage, so a new tab can obtain its own access token.
 */
const ACCESS_KEY = 'zj.accessToken';
const REFRESH_KEY = 'zj.refreshToken';

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode); the in-memory token still works for this page.
  }
}

const session = () => window.sessionStorage;
const local = () => window.localStorage;

let accessToken: string | null = read(session, ACCESS_KEY);

export interface TokenPair {
  accessToken: string;
  refreshToken?: string | null;
}

export const tokenStore = {
  getAccessToken(): string | null {
    return accessToken;
  },
  getRefreshToken(): string | null {
    return read(local, REFRESH_KEY);
  },
  /** Stores a new pair; a missing refresh token keeps the one already stored. */
  setTokens(pair: TokenPair): void {
    accessToken = pair.accessToken;
    write(session, ACCESS_KEY, pair.accessToken);
    if (pair.refreshToken) write(local, REFRESH_KEY, pair.refreshToken);
  },
  clear(): void {
    accessToken = null;
    write(session, ACCESS_KEY, null);
    write(local, REFRESH_KEY, null);
  },
  /** Whether there is anything to resume a session with. */
  hasSession(): boolean {
    return accessToken !== null || this.getRefreshToken() !== null;
  },
};
