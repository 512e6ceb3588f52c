import { asc, eq } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { listApiTokens } from '../accounts/auth-service.js';
import { organisations, users } from '../accounts/schema.js';
import { scopeCoversRegion } from '../accounts/scope.js';
import type { Db } from '../db/client.js';
import { packDownloads } from '../packs/schema.js';
import { loadOrderViews } from './order-view.js';
import { orders } from './schema.js';

export type ExportResult =
  | { ok: true; data: Awaited<ReturnType<typeof collectOrganisationData>> }
  | { ok: false; reason: 'not_found' | 'forbidden'; detail: string };

/**
 * Everything the service holds about an organisation (GDPR access): the organisation, its users
 * (never password hashes or token hashes), its orders with lines and status history, and its pack
 * downloads. Only its own members and admins may export; coordinators who can see the
 * organisation are refused, everyone else learns nothing.
 */
export async function exportOrganisationData(
  db: Db,
  user: SignedInUser,
  organisationId: string,
  now: Date,
): Promise<ExportResult> {
  const [organisation] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  if (!organisation) return { ok: false, reason: 'not_found', detail: 'No such organisation.' };
  if (user.role !== 'admin' && user.organisationId !== organisation.id) {
    return scopeCoversRegion(user, organisation)
      ? {
          ok: false,
          reason: 'forbidden',
          detail: 'Only the organisation’s members and admins may export its data.',
        }
      : { ok: false, reason: 'not_found', detail: 'No such organisation.' };
  }
  return { ok: true, data: await collectOrganisationData(db, organisation, now) };
}

async function collectOrganisationData(db: Db, organisation: typeof organisations.$inferSelect, now: Date) {
  const members = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      scope: users.scope,
      scopeCountyCode: users.scopeCountyCode,
      scopeMunicipalityCode: users.scopeMunicipalityCode,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.organisationId, organisation.id))
    .orderBy(asc(users.createdAt), asc(users.email));
  const tokens = await Promise.all(members.map((member) => listApiTokens(db, member.id)));
  const orderRows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.organisationId, organisation.id))
    .orderBy(asc(orders.createdAt), asc(orders.id));
  const views = await loadOrderViews(
    db,
    orderRows.map((row) => row.id),
  );
  const downloads = await db
    .select({
      campaignId: packDownloads.campaignId,
      language: packDownloads.language,
      userId: packDownloads.userId,
      at: packDownloads.at,
    })
    .from(packDownloads)
    .where(eq(packDownloads.organisationId, organisation.id))
    .orderBy(asc(packDownloads.at));
  return {
    exportedAt: now.toISOString(),
    organisation: { ...organisation, createdAt: organisation.createdAt.toISOString() },
    users: members.map((member, index) => ({
      ...member,
      disabledAt: member.disabledAt?.toISOString() ?? null,
      createdAt: member.createdAt.toISOString(),
      apiTokens: (tokens[index] ?? []).map((token) => ({
        ...token,
        createdAt: token.createdAt.toISOString(),
        expiresAt: token.expiresAt?.toISOString() ?? null,
        lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
        revokedAt: token.revokedAt?.toISOString() ?? null,
      })),
    })),
    orders: orderRows.flatMap((row) => views.get(row.id) ?? []),
    packDownloads: downloads.map((download) => ({ ...download, at: download.at.toISOString() })),
  };
}
