import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { orderIdempotencyKeys } from './schema.js';

/** JSON with object keys sorted at every level, so equal requests hash equally however they were written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The sha256 of a request's canonical JSON. */
export function requestHashOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export type KeyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

/**
 * Claims an Idempotency-Key inside the caller's transaction. The insert is the lock: a concurrent
 * request with the same key waits on it until the first transaction ends, then sees its stored
 * answer (or, if the first rolled back, claims the key itself).
 */
export async function claimIdempotencyKey(
  tx: DbOrTx,
  claim: { organisationId: string; key: string; requestHash: string; now: Date },
): Promise<KeyClaim> {
  const inserted = await tx
    .insert(orderIdempotencyKeys)
    .values({
      organisationId: claim.organisationId,
      key: claim.key,
      requestHash: claim.requestHash,
      createdAt: claim.now,
    })
    .onConflictDoNothing()
    .returning({ key: orderIdempotencyKeys.key });
  if (inserted.length > 0) return { kind: 'claimed' };
  const [existing] = await tx
    .select()
    .from(orderIdempotencyKeys)
    .where(
      and(
        eq(orderIdempotencyKeys.organisationId, claim.organisationId),
        eq(orderIdempotencyKeys.key, claim.key),
      ),
    )
    .limit(1);
  if (!existing) return { kind: 'in_progress' };
  if (existing.requestHash !== claim.requestHash) return { kind: 'reused' };
  if (existing.responseStatus === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
}

/** Stores the answer given for a claimed key, in the same transaction as the work it answers for. */
export async function recordIdempotentResponse(
  tx: DbOrTx,
  record: { organisationId: string; key: string; orderId: string; status: number; body: unknown },
): Promise<void> {
  await tx
    .update(orderIdempotencyKeys)
    .set({ orderId: record.orderId, responseStatus: record.status, responseBody: record.body })
    .where(
      and(
        eq(orderIdempotencyKeys.organisationId, record.organisationId),
        eq(orderIdempotencyKeys.key, record.key),
      ),
    );
}
