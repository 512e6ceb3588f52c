import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { SignedInUser } from './actor.js';
import { organisations, type PostalAddress } from './schema.js';
import { countyOfMunicipalityCode, scopeCoversRegion, scopeRegionOf } from './scope.js';

export type OrganisationRow = typeof organisations.$inferSelect;

export interface NewOrganisation {
  slug: string;
  name: string;
  kind: OrganisationRow['kind'];
  countyCode?: string | null;
  municipalityCode?: string | null;
  defaultAddress?: PostalAddress | null;
}

/** Fills the county from the municipality code, so region checks never need both from callers. */
export function normaliseRegion(input: { countyCode?: string | null; municipalityCode?: string | null }) {
  const municipalityCode = input.municipalityCode ?? null;
  const countyCode = input.countyCode ?? (municipalityCode ? countyOfMunicipalityCode(municipalityCode) : null);
  return { countyCode, municipalityCode };
}

export type CreateOrganisationResult =
  | { ok: true; organisation: OrganisationRow }
  | { ok: false; reason: 'forbidden' | 'slug_taken' | 'region_mismatch'; detail: string };

/** Creates an organisation inside the creator's scope. */
export async function createOrganisation(
  db: Db,
  creator: SignedInUser | 'system',
  input: NewOrganisation,
): Promise<CreateOrganisationResult> {
  const region = normaliseRegion(input);
  if (region.municipalityCode && region.countyCode !== countyOfMunicipalityCode(region.municipalityCode)) {
    return { ok: false, reason: 'region_mismatch', detail: 'The municipality is not in that county.' };
  }
  if (creator !== 'system' && !(creator.role === 'admin' || (creator.role === 'coordinator' && scopeCoversRegion(creator, region)))) {
    return { ok: false, reason: 'forbidden', detail: 'Your scope does not cover that region.' };
  }
  const inserted = await db
    .insert(organisations)
    .values({ ...input, ...region, defaultAddress: input.defaultAddress ?? null })
    .onConflictDoNothing({ target: organisations.slug })
    .returning();
  const row = inserted[0];
  return row ? { ok: true, organisation: row } : { ok: false, reason: 'slug_taken', detail: 'That slug is taken.' };
}

/** The organisations a user may see: own organisation, or those in a coordinator's scope. */
export async function listVisibleOrganisations(db: Db, viewer: SignedInUser): Promise<OrganisationRow[]> {
  const filters: SQL[] = [];
  if (viewer.role === 'member') filters.push(eq(organisations.id, viewer.organisationId ?? '00000000-0000-0000-0000-000000000000'));
  else {
    const region = scopeRegionOf(viewer);
    if (region?.municipalityCode) filters.push(eq(organisations.municipalityCode, region.municipalityCode));
    else if (region) filters.push(eq(organisations.countyCode, region.countyCode ?? '__none__'));
  }
  return db.select().from(organisations).where(and(...filters)).orderBy(asc(organisations.name));
}

/** One organisation, if the viewer may see it. */
export async function findVisibleOrganisation(db: Db, viewer: SignedInUser, id: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  if (!row) return null;
  if (viewer.organisationId === row.id || scopeCoversRegion(viewer, row)) return row;
  return null;
}

/** Finds an organisation by slug, creating it when missing (used by the campaign import). */
export async function upsertOrganisationBySlug(db: Db, input: NewOrganisation): Promise<OrganisationRow> {
  const [existing] = await db.select().from(organisations).where(eq(organisations.slug, input.slug)).limit(1);
  if (existing) return existing;
  const created = await createOrganisation(db, 'system', input);
  if (created.ok) return created.organisation;
  const [raced] = await db.select().from(organisations).where(eq(organisations.slug, input.slug)).limit(1);
  if (!raced) throw new Error(`could not create organisation ${input.slug}: ${created.detail}`);
  return raced;
}
