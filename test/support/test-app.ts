import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import pino from 'pino';
import type { SignedInUser } from '../../src/accounts/actor.js';
import { createApiToken } from '../../src/accounts/auth-service.js';
import { createOrganisation, type NewOrganisation } from '../../src/accounts/organisations-service.js';
import { createUser, type NewUser } from '../../src/accounts/users-service.js';
import { createApp } from '../../src/app.js';
import { createBlobStore } from '../../src/assets/create-blob-store.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import type { AppDeps, Clock } from '../../src/deps.js';
import type { AppEnv } from '../../src/http/app-env.js';
import { openTestDatabase } from './test-database.js';

/** A clock a test can set and move. */
export class TestClock implements Clock {
  constructor(private current: Date = new Date('2026-11-23T10:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestContext {
  app: OpenAPIHono<AppEnv>;
  deps: AppDeps;
  database: Database;
  clock: TestClock;
  dataDir: string;
  /** Sends a request to the app (no socket). */
  request(pathname: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
  /** Creates an organisation directly. */
  organisation(input?: Partial<NewOrganisation>): Promise<{ id: string; slug: string; countyCode: string | null; municipalityCode: string | null }>;
  /** Creates a user with an API token; returns the user and the token. */
  user(input: Partial<NewUser> & Pick<NewUser, 'role'>): Promise<{ user: SignedInUser; token: string }>;
  close(): Promise<void>;
}

let counter = 0;
/** A unique suffix for rows a test creates, so tests never collide. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Starts the real app on a fresh migrated database (PGlite, or PostgreSQL in CI). */
export async function createTestContext(options: { env?: Record<string, string>; clock?: TestClock } = {}): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-'));
  const clock = options.clock ?? new TestClock();
  let deps: AppDeps;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env });
    deps = {
      config,
      database,
      storage: await createBlobStore(config),
      clock,
      log: pino({ level: 'silent' }),
      readiness: { migrated: true, shuttingDown: false },
    };
  } catch (error) {
    // A context that cannot start still drops its database (on PostgreSQL, a whole database).
    await drop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const app = createApp(deps);
  const context: TestContext = {
    app,
    deps,
    database,
    clock,
    dataDir,
    async request(pathname, init = {}) {
      const headers = new Headers(init.headers);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      return app.request(pathname, { ...init, headers, body });
    },
    async organisation(input = {}) {
      const slug = input.slug ?? unique('org');
      const result = await createOrganisation(database.db, 'system', { name: slug, kind: 'association', ...input, slug });
      if (!result.ok) throw new Error(result.detail);
      return result.organisation;
    },
    async user(input) {
      const result = await createUser(database.db, 'system', {
        email: `${unique('user')}@example.org`,
        name: 'Test User',
        password: 'correct horse battery staple',
        ...input,
      });
      if (!result.ok) throw new Error(result.detail);
      const token = await createApiToken(database.db, { userId: result.user.id, name: 'test', expiresAt: null });
      return { user: result.user, token: token.token };
    },
    async close() {
      try {
        await drop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
  return context;
}
