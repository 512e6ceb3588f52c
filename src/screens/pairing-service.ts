import { randomInt } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { countyOfMunicipalityCode } from '../accounts/scope.js';
import { hashSecret, newSecret } from '../accounts/secrets.js';
import type { Db } from '../db/client.js';
import { writeWithScheduleChange } from '../manifests/schedule-version.js';
import { pairingCodes, screens } from './schema.js';
import { SCREEN_TOKEN_PREFIX } from './screen-auth.js';
import type { ClaimInput } from './screen-schemas.js';
import { findScreen, screenColumnsOf, type ScreenWithGroups, userCoversScreen } from './screens-service.js';
import { replaceStaticMemberships } from './screen-memberships.js';

/** Letters and digits that cannot be mistaken for each other on a shop screen (no 0/O, 1/I/L). */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 6;
/** How long a code can be claimed, and after a claim how long the player has to collect its token. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** How often the player should poll while it shows the code. */
export const PAIRING_POLL_SECONDS = 3;

/** A fresh pairing code: crypto-random over the unambiguous alphabet. */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** A code as a person may type it ("abc-234") in canonical form, or null when it cannot be one. */
export function normalisePairingCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  return [...code].every((char) => PAIRING_ALPHABET.includes(char)) ? code : null;
}

/** Issues a pairing code and the secret only the asking player knows (stored hashed). */
export async function requestPairingCode(db: Db, now: Date, requesterIp: string | null) {
  const pollSecret = newSecret('pair_');
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  // A collision among live codes is rare (31^6 codes); an old expired holder of the code is removed.
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = newPairingCode();
    await db.delete(pairingCodes).where(and(eq(pairingCodes.code, code), lt(pairingCodes.expiresAt, now)));
    const inserted = await db
      .insert(pairingCodes)
      .values({ code, pollSecretHash: hashSecret(pollSecret), createdAt: now, expiresAt, requesterIp })
      .onConflictDoNothing()
      .returning({ code: pairingCodes.code });
    if (inserted.length) return { code, pollSecret, expiresAt, pollAfterSeconds: PAIRING_POLL_SECONDS };
  }
  throw new Error('could not find a free pairing code');
}

export type PollOutcome =
  | { status: 'waiting'; expiresAt: Date }
  | { status: 'paired'; screenToken: string; screenId: string }
  | { status: 'expired' }
  | { status: 'finished' }
  | { status: 'unknown' };

/**
 * What a player showing a code learns when it polls: still waiting, or (exactly once, right after
 * a claim) its screen token, generated now so that only its hash is ever stored.
 */
export async function pollPairing(db: Db, pollSecret: string, now: Date): Promise<PollOutcome> {
  const [code] = await db.select().from(pairingCodes).where(eq(pairingCodes.pollSecretHash, hashSecret(pollSecret))).limit(1);
  if (!code) return { status: 'unknown' };
  if (code.tokenDeliveredAt) return { status: 'finished' };
  if (code.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
  if (!code.claimedScreenId) return { status: 'waiting', expiresAt: code.expiresAt };
  const screenId = code.claimedScreenId;
  const screenToken = newSecret(SCREEN_TOKEN_PREFIX);
  return db.transaction(async (tx): Promise<PollOutcome> => {
    const taken = await tx
      .update(pairingCodes)
      .set({ tokenDeliveredAt: now })
      .where(and(eq(pairingCodes.code, code.code), isNull(pairingCodes.tokenDeliveredAt)))
      .returning({ code: pairingCodes.code });
    if (!taken.length) return { status: 'finished' };
    const updated = await tx
      .update(screens)
      .set({ tokenHash: hashSecret(screenToken), updatedAt: now })
      .where(and(eq(screens.id, screenId), isNull(screens.revokedAt)))
      .returning({ id: screens.id });
    // Revoked between claim and collection: the code is spent and the player starts over.
    if (!updated.length) return { status: 'expired' };
    return { status: 'paired', screenToken, screenId };
  });
}

export type ClaimOutcome =
  | { ok: true; screen: ScreenWithGroups }
  | { ok: false; reason: 'not_found' | 'expired' | 'already_claimed' | 'forbidden' | 'invalid_groups' | 'screen_not_found'; detail: string };

/**
 * A coordinator claims the code a player shows: a new screen with the given settings, or (with
 * screenId) an existing screen that gets a new player. The screen must lie in the coordinator's
 * scope; nothing is written otherwise.
 */
export async function claimPairingCode(db: Db, user: SignedInUser, codeText: string, input: ClaimInput, now: Date): Promise<ClaimOutcome> {
  const code = normalisePairingCode(codeText);
  if (!code) return { ok: false, reason: 'not_found', detail: 'No such pairing code.' };
  return writeWithScheduleChange(db, 'screens', async (tx): Promise<ClaimOutcome> => {
    const [pairing] = await tx.select().from(pairingCodes).where(eq(pairingCodes.code, code)).for('update').limit(1);
    if (!pairing) return { ok: false, reason: 'not_found', detail: 'No such pairing code.' };
    if (pairing.claimedScreenId) return { ok: false, reason: 'already_claimed', detail: 'This code has been claimed already.' };
    if (pairing.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', detail: 'The code has expired; the screen shows a new one.' };
    const columns = screenColumnsOf(input);
    let screenId: string;
    if (input.screenId) {
      const existing = await findScreen(tx, input.screenId);
      if (!existing || !userCoversScreen(user, existing)) return { ok: false, reason: 'screen_not_found', detail: 'No such screen.' };
      const place = { countyCode: columns.countyCode ?? existing.countyCode, municipalityCode: columns.municipalityCode ?? existing.municipalityCode };
      if (!userCoversScreen(user, place)) return { ok: false, reason: 'forbidden', detail: 'That place is outside your scope.' };
      await tx
        .update(screens)
        .set({ ...columns, tokenHash: null, revokedAt: null, pairedBy: user.id, pairedAt: now, updatedAt: now })
        .where(eq(screens.id, existing.id));
      screenId = existing.id;
    } else {
      const municipalityCode = input.municipalityCode as string;
      if (!userCoversScreen(user, { countyCode: countyOfMunicipalityCode(municipalityCode), municipalityCode })) {
        return { ok: false, reason: 'forbidden', detail: 'That place is outside your scope.' };
      }
      const [created] = await tx
        .insert(screens)
        .values({ ...(columns as typeof screens.$inferInsert), pairedBy: user.id, pairedAt: now, createdAt: now, updatedAt: now })
        .returning({ id: screens.id, countyCode: screens.countyCode });
      if (!created) throw new Error('screen insert returned no row');
      screenId = created.id;
    }
    const screen = await findScreen(tx, screenId);
    if (!screen) throw new Error('claimed screen vanished');
    if (input.groupIds) {
      const outcome = await replaceStaticMemberships(tx, user, screen, input.groupIds);
      if (!outcome.ok) return outcome;
    }
    // The player gets the rest of a fresh lifetime to collect its token.
    await tx
      .update(pairingCodes)
      .set({ claimedScreenId: screenId, claimedAt: now, expiresAt: new Date(now.getTime() + PAIRING_CODE_TTL_MS) })
      .where(eq(pairingCodes.code, code));
    const claimed = await findScreen(tx, screenId);
    return claimed ? { ok: true, screen: claimed } : { ok: false, reason: 'screen_not_found', detail: 'No such screen.' };
  });
}

/** Removes codes that expired more than a day ago (a job); answers how many. */
export async function deleteExpiredPairingCodes(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 3_600_000);
  const deleted = await db.delete(pairingCodes).where(lt(pairingCodes.expiresAt, cutoff)).returning({ code: pairingCodes.code });
  return deleted.length;
}
