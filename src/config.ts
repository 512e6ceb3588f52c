import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';

/**
 * The only place that reads process.env. Every variable is documented in the README; a wrong
 * value stops the start with a message naming the variable, because a half-configured service
 * that starts anyway fails later in ways that are much harder to trace.
 */

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, used in links, e-mails and to decide whether cookies are Secure. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted upload, in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().positive().max(4096).default(200),
  /** Largest decoded image, in megapixels: guards against decompression bombs. */
  IMAGE_MAX_MEGAPIXELS: z.coerce.number().positive().max(1000).default(100),
  /** SMTP server for order e-mail (smtp:// or smtps://, credentials in the URL); unset = mail stays in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender of outgoing e-mail, e.g. "Kampanjnavet <no-reply@example.se>". */
  MAIL_FROM: z.string().trim().min(3).default('Kampanjnavet <no-reply@kampanjnavet.invalid>'),
  /** Days after an order is closed (shipped, rejected, cancelled) before its personal data is removed. */
  ORDER_PII_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** When the daily print batch of approved orders is made (cron, server local time). */
  PRINT_BATCH_CRON: z
    .string()
    .refine((expression) => cron.validate(expression), { message: 'not a valid cron expression' })
    .default('0 6 * * *'),
  /** Import the campaign definitions in campaigns/ on start (idempotent). */
  IMPORT_CAMPAIGNS_ON_START: booleanFromEnv.default(true),
  CAMPAIGNS_DIR: z.string().min(1).default('./campaigns'),
  /** First admin, created on first start when no admin exists; never a default password. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  /** Run the cron jobs in this process (turn off for request-only instances). */
  JOBS_ENABLED: booleanFromEnv.default(true),
  /** Trust X-Forwarded-Proto/For from a reverse proxy (for Secure cookies and client IPs). */
  TRUST_PROXY: booleanFromEnv.default(false),
  /** Minimum share (0..1) of every screen loop given to national slides whenever one is airing. */
  SCHEDULE_NATIONAL_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  /**
   * Where media bytes live: `fs` (files under DATA_DIR/media, one instance) or `postgres` (chunks
   * in the database, shared by every instance). Default: postgres with DATABASE_URL, else fs.
   */
  MEDIA_STORE: z.enum(['fs', 'postgres']).optional(),
  /** Bearer token that /metrics requires; unset = /metrics answers only loopback clients. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A client must have sent all request headers within this many seconds (slowloris guard). */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(15),
  /** A client must have sent the whole request (headers and body) within this many seconds. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(120),
  /**
   * How long an idle keep-alive connection stays open. Keep it above the load balancer's idle
   * timeout, or the balancer may reuse a connection just as the service closes it (a 502).
   */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(65),
  /** On SIGTERM, requests in flight get this long to finish before their connections are closed. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(25),
});

export type Config = Readonly<
  z.infer<typeof ConfigSchema> & { dataDir: string; campaignsDir: string; mediaStore: 'fs' | 'postgres' }
>;

/** Thrown when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as they do in most shells and .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const value = parsed.data;
  if ((value.ADMIN_EMAIL === undefined) !== (value.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither']);
  }
  if (value.HTTP_HEADERS_TIMEOUT_SECONDS > value.HTTP_REQUEST_TIMEOUT_SECONDS) {
    throw new ConfigError(['HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS']);
  }
  return Object.freeze({
    ...value,
    dataDir: path.resolve(value.DATA_DIR),
    campaignsDir: path.resolve(value.CAMPAIGNS_DIR),
    // Several instances share one PostgreSQL, so media must be shared too unless told otherwise.
    mediaStore: value.MEDIA_STORE ?? (value.DATABASE_URL ? 'postgres' : 'fs'),
  });
}
