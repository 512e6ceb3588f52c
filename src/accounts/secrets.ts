import { createHash, randomBytes } from 'node:crypto';

/** A fresh random secret, URL-safe, with an optional readable prefix. */
export function newSecret(prefix = '', bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** sha256 hex of a secret: what we store instead of the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
