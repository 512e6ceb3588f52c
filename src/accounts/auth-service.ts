import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { SignedInUser } from './actor.js';
import { hashPassword, verifyDecoy, verifyPassword } from './passwords.js';
import { apiTokens, sessions, users } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';

type UserRow = typeof users.$inferSelect;

/** The access-relevant view of a user row. */
export function toSignedInUser(row: UserRow): SignedInUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scope: row.scope,
    scopeCountyCode: row.scopeCountyCode,
    scopeMunicipalityCode: row.scopeMunicipalityCode,
    organisationId: row.organisationId,
  };
}

/** Normalises an e-mail address for lookups (case-insensitive, trimmed). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; user: SignedInUser; sessionToken: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid_credentials' };

/** Checks credentials and opens a new session (a new id every time: no session fixation). */
export async function signIn(
  db: Db,
  input: { email: string; password: string; now: Date; ttlHours: number },
): Promise<SignInResult> {
  const [row] = await db.select().from(users).where(eq(users.email, normaliseEmail(input.email))).limit(1);
  const valid = row ? await verifyPassword(input.password, row.passwordHash) : await verifyDecoy(input.password);
  if (!row || !valid || row.disabledAt) return { ok: false, reason: 'invalid_credentials' };
  const sessionToken = newSecret('s_');
  const csrfToken = newSecret('', 24);
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3_600_000);
  await db.insert(sessions).values({ idHash: hashSecret(sessionToken), userId: row.id, csrfToken, expiresAt });
  return { ok: true, user: toSignedInUser(row), sessionToken, csrfToken, expiresAt };
}

/** Ends a session. */
export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSecret(sessionToken)));
}

/** The user and CSRF token behind a session cookie, if it is live. */
export async function userForSession(
  db: Db,
  sessionToken: string,
  now: Date,
): Promise<{ user: SignedInUser; csrfToken: string } | null> {
  const [found] = await db
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashSecret(sessionToken)), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return found ? { user: toSignedInUser(found.user), csrfToken: found.csrfToken } : null;
}

/** The user behind an API token, if it is live; records its use. */
export async function userForApiToken(db: Db, token: string, now: Date): Promise<SignedInUser | null> {
  const tokenHash = hashSecret(token);
  const [found] = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!found) return null;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.tokenId));
  return toSignedInUser(found.user);
}

/** Creates an API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  db: Db,
  input: { userId: string; name: string; expiresAt: Date | null },
): Promise<{ id: string; token: string; prefix: string; name: string; createdAt: Date; expiresAt: Date | null }> {
  const token = newSecret('cht_');
  const prefix = token.slice(0, 10);
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: input.userId, name: input.name, prefix, tokenHash: hashSecret(token), expiresAt: input.expiresAt })
    .returning();
  if (!row) throw new Error('token insert returned nothing');
  return { id: row.id, token, prefix, name: row.name, createdAt: row.createdAt, expiresAt: row.expiresAt };
}

/** Lists a user's tokens (never the secrets). */
export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(apiTokens.createdAt);
}

/** Revokes one of a user's tokens; false when the user has no such live token. */
export async function revokeApiToken(db: Db, input: { userId: string; tokenId: string; now: Date }): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/** Removes expired sessions (called by a job). */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const removed = await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now}`).returning({ id: sessions.idHash });
  return removed.length;
}

export { hashPassword };
