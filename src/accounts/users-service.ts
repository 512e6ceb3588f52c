import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { SignedInUser } from './actor.js';
import { normaliseEmail, toSignedInUser } from './auth-service.js';
import { hashPassword } from './passwords.js';
import { organisations, users } from './schema.js';
import { countyOfMunicipalityCode, scopeCoversRegion, scopeRegionOf } from './scope.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'coordinator' | 'member';
  scope?: 'national' | 'county' | 'municipality' | null;
  scopeCountyCode?: string | null;
  scopeMunicipalityCode?: string | null;
  organisationId?: string | null;
}

export type CreateUserResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: 'email_taken' | 'forbidden' | 'organisation_not_found' | 'invalid_scope'; detail: string };

/**
 * Creates a user if the creator may: admins create anyone; coordinators create members of
 * organisations inside their scope, and coordinators of a narrower scope inside their own.
 */
export async function createUser(db: Db, creator: SignedInUser | 'system', input: NewUser): Promise<CreateUserResult> {
  const scopeProblem = checkScopeShape(input);
  if (scopeProblem) return { ok: false, reason: 'invalid_scope', detail: scopeProblem };
  let organisation: typeof organisations.$inferSelect | undefined;
  if (input.organisationId) {
    [organisation] = await db.select().from(organisations).where(eq(organisations.id, input.organisationId)).limit(1);
    if (!organisation) return { ok: false, reason: 'organisation_not_found', detail: 'No such organisation.' };
  }
  if (creator !== 'system' && !creatorMayCreate(creator, input, organisation)) {
    return { ok: false, reason: 'forbidden', detail: 'Your role or scope does not allow creating this user.' };
  }
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const inserted = await db
    .insert(users)
    .values({
      email,
      name: input.name,
      passwordHash,
      role: input.role,
      scope: input.role === 'coordinator' ? (input.scope ?? null) : null,
      scopeCountyCode:
        input.scope === 'county'
          ? (input.scopeCountyCode ?? null)
          : input.scope === 'municipality' && input.scopeMunicipalityCode
            ? countyOfMunicipalityCode(input.scopeMunicipalityCode)
            : null,
      scopeMunicipalityCode: input.scope === 'municipality' ? (input.scopeMunicipalityCode ?? null) : null,
      organisationId: input.organisationId ?? null,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  const row = inserted[0];
  if (!row) return { ok: false, reason: 'email_taken', detail: 'A user with this e-mail already exists.' };
  return { ok: true, user: toSignedInUser(row) };
}

function checkScopeShape(input: NewUser): string | null {
  if (input.role === 'member' && !input.organisationId) return 'A member belongs to an organisation (organisationId).';
  if (input.role !== 'coordinator') return input.scope ? 'Only coordinators have a scope.' : null;
  if (!input.scope) return 'A coordinator needs a scope: national, county or municipality.';
  if (input.scope === 'county' && !input.scopeCountyCode) return 'A county coordinator needs scopeCountyCode.';
  if (input.scope === 'municipality' && !input.scopeMunicipalityCode)
    return 'A municipal coordinator needs scopeMunicipalityCode.';
  return null;
}

function creatorMayCreate(
  creator: SignedInUser,
  input: NewUser,
  organisation: typeof organisations.$inferSelect | undefined,
): boolean {
  if (creator.role === 'admin') return true;
  if (creator.role !== 'coordinator') return false;
  if (input.role === 'admin') return false;
  if (input.role === 'member') {
    return organisation !== undefined && scopeCoversRegion(creator, organisation);
  }
  // A coordinator may appoint coordinators only within (and not wider than) their own scope.
  if (input.scope === 'national') return creator.scope === 'national';
  return scopeCoversRegion(creator, {
    countyCode: input.scopeCountyCode ?? null,
    municipalityCode: input.scopeMunicipalityCode ?? null,
  });
}

/** Lists the users a caller may see: admins all; coordinators those in organisations of their scope. */
export async function listVisibleUsers(db: Db, viewer: SignedInUser) {
  const filters: SQL[] = [];
  if (viewer.role === 'member') filters.push(eq(users.id, viewer.id));
  else if (viewer.role === 'coordinator') {
    const region = scopeRegionOf(viewer);
    if (region) {
      const orgIds = db
        .select({ id: organisations.id })
        .from(organisations)
        .where(
          region.municipalityCode
            ? eq(organisations.municipalityCode, region.municipalityCode)
            : eq(organisations.countyCode, region.countyCode ?? '__none__'),
        );
      filters.push(or(inArray(users.organisationId, orgIds), eq(users.id, viewer.id)) as SQL);
    }
  }
  const rows = await db
    .select()
    .from(users)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(users.email);
  return rows.map(toSignedInUser);
}

/** Whether any admin exists (the first admin is created only when none does). */
export async function adminExists(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  return row !== undefined;
}

/** Creates the first admin from configuration when there is none yet; idempotent. */
export async function ensureFirstAdmin(
  db: Db,
  credentials: { email: string; password: string },
): Promise<'created' | 'exists'> {
  if (await adminExists(db)) return 'exists';
  const result = await createUser(db, 'system', { ...credentials, name: 'Administrator', role: 'admin' });
  return result.ok ? 'created' : 'exists';
}
