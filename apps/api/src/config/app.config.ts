import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import * as path from 'node:path';
import { jwtSecretProblem } from './published-defaults';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The platform's whole configuration, read once from the environment at start-up and validated.
 * Nothing else in the code reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * API processes `npm start` runs on PORT (Node cluster; the queue worker stays in the first process).
   * More than 1 needs a PostgreSQL server (DATABASE_URL): the embedded engine serves one process.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  API_PROCESSES = 1;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** PostgreSQL database for BullMQ's PostgreSQL backend (used when REDIS_URL is unset); defaults to DATABASE_URL. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'QUEUE_DATABASE_URL must be a postgres:// URL' })
  QUEUE_DATABASE_URL?: string;

  /** Prefix of every queue name, so several platforms can share one Redis. */
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'QUEUE_PREFIX must be lower-case letters, digits or _' })
  QUEUE_PREFIX = 'zj';

  /** Where the embedded engines keep their files when no server URL is given. */
  @IsString()
  DATA_DIR = './data';

  /** Signs access tokens. Required in production; generated and kept in DATA_DIR otherwise. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 3600;

  /** A refresh token presented again this soon after its rotation (two tabs refreshing at once) gets a pair of the same session instead of ending it; 0: none. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_REUSE_GRACE_SECONDS = 30;

  /**
   * How long one API process trusts its check of an access token's session (user active, token
   * version, session not logged out) before asking the database again (ms); 0: every request asks.
   * Changes (logout, password change, disable) count at once in the process that made them, and in
   * the other API processes as soon as PostgreSQL's notice reaches them (within this time at worst).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  AUTH_SESSION_CACHE_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 15;

  /** Login attempts per minute from one address for one account. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /** Failed logins from one client address, whatever the accounts, within LOGIN_IP_WINDOW_MINUTES before its logins answer 429 (counted in the database, across API processes). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_IP_MAX_FAILURES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_IP_WINDOW_MINUTES = 15;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  @Transform(toBool)
  @IsBoolean()
  DEMO_DATA = true;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /** Built web app served by the API; empty to serve none. */
  @IsString()
  WEB_DIST_DIR = path.resolve(__dirname, '../../../web/dist');

  // ---- notifications (apps/api/src/notifications) ----------------------------------------------

  /** SMTP server for e-mail notices, e.g. smtp://localhost:1025 (Mailpit); empty: no e-mail channel. */
  @Matches(/^(smtps?:\/\/\S+)?$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = '';

  @IsString()
  MAIL_FROM = '湛江绿色金融对接平台 <noreply@zjgf.local>';

  /** The web app's address, for links in e-mails and webhooks. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** HTTP SMS provider (template id + parameters, HMAC-signed); empty: no SMS channel. */
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'SMS_HTTP_URL must be an http(s) URL' })
  SMS_HTTP_URL = '';

  @IsString()
  SMS_HTTP_APP_KEY = '';

  @IsString()
  SMS_HTTP_SECRET = '';

  @IsString()
  SMS_SIGN_NAME = '湛江绿色金融';

  /** How often the outbox relay looks for pending intents (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  NOTIFY_RELAY_INTERVAL_MS = 500;

  /** Intents or deliveries with no progress for this long are handed to the queue again (lost jobs after a queue outage). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  NOTIFY_RESWEEP_AFTER_MS = 60_000;

  /** Attempts of one channel delivery before it becomes a dead letter. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  NOTIFY_MAX_ATTEMPTS = 6;

  /** First retry delay (ms); doubles each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  NOTIFY_BACKOFF_MS = 5000;

  /** Lock of a job being worked, and the stalled-job check (ms): a crashed worker's job is taken up again after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  NOTIFY_LOCK_DURATION_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(500)
  NOTIFY_STALLED_INTERVAL_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  NOTIFY_CONCURRENCY = 8;

  /** When the daily digest goes out (cron, Asia/Shanghai). */
  @IsString()
  NOTIFY_DIGEST_CRON = '0 8 * * *';

  /** How long matching notices to one bank are gathered before one notice lists them (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  NOTIFY_BATCH_WINDOW_MS = 10 * 60_000;

  /**
   * Webhook and 企业微信 robot addresses that may be internal (loopback, private, link-local …, which
   * are refused otherwise): comma-separated host names (`*.example` for the names under one), IP
   * addresses and CIDR ranges, e.g. `hooks.bank.internal,10.20.0.0/16`. Empty: none.
   */
  @Matches(/^[\w.:*/[\]%,\s-]*$/, { message: 'WEBHOOK_ALLOWED_HOSTS must list host names, IP addresses or CIDR ranges, separated by commas' })
  WEBHOOK_ALLOWED_HOSTS = '';

  /** Longest a webhook or 企业微信 robot connection may take to open (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_CONNECT_TIMEOUT_MS = 3000;

  /** Longest one webhook or 企业微信 robot request may take in all, answer included (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  // ---- matchmaking (apps/api/src/{products,matching,cases,work-calendar}) -----------------------

  /** At most this many banks take up one financing need at a time (claims and applications past it are refused). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  CASE_CLAIM_CAP = 3;

  /** A pending case must be answered within this many working days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  CASE_ANSWER_WORKING_DAYS = 3;

  /** After accepting, the bank must make first contact within this many working days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  CASE_CONTACT_WORKING_DAYS = 7;

  /**
   * How often overdue cases are looked for and the bureau alerted (ms; the period of the `case-sweeps`
   * job scheduler, run once per period however many processes run); 0 switches the sweep off.
   * Tests (NODE_ENV=test) have it off unless they set it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CASE_OVERDUE_SWEEP_MS = 10 * 60_000;

  /**
   * How often open needs past their wanted-by date are expired (ms; the period of the `need-sweeps`
   * job scheduler); 0 switches the sweep off. Tests (NODE_ENV=test) have it off unless they set it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  NEED_EXPIRY_SWEEP_MS = 3600_000;

  /** The one-year loan prime rate (LPR, %), to read products priced as LPR + basis points. */
  @Matches(/^\d{1,2}(\.\d{1,2})?$/, { message: 'LPR_1Y_PERCENT must be a percentage such as 3.00' })
  LPR_1Y_PERCENT = '3.00';

  get usesEmbeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }

  get usesRedis(): boolean {
    return !!this.REDIS_URL;
  }
}

export class ConfigError extends Error {}

/** Builds and validates the configuration; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'QUEUE_DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
    const v = env[key];
    if (v !== undefined) input[key] = v;
  }
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  - JWT_SECRET is required when NODE_ENV=production');
  }
  const secretProblem = config.NODE_ENV === 'production' && config.JWT_SECRET && config.JWT_SECRET.length >= 32 ? jwtSecretProblem(config.JWT_SECRET) : null;
  if (secretProblem) {
    throw new ConfigError(`Invalid configuration:\n  - JWT_SECRET ${secretProblem}: a token signed with a known secret would be accepted (NODE_ENV=production)`);
  }
  if (errors.length) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  config.DATA_DIR = path.resolve(config.DATA_DIR);
  // A sweep changes rows that other tests made: in tests the periodic sweeps run only where a test asks.
  if (config.NODE_ENV === 'test') for (const k of ['CASE_OVERDUE_SWEEP_MS', 'NEED_EXPIRY_SWEEP_MS'] as const) if (input[k] === undefined) config[k] = 0;
  return config;
}
