import type { Context } from 'hono';
import { normaliseEmail } from '../accounts/auth-service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddressOf } from '../screens/pairing-routes.js';
import { createFailureLimiter, type FailureLimiter } from './rate-limit.js';

/** Failed sign-ins allowed per client address in a window: a whole office behind one NAT fits. */
export const SIGN_IN_FAILURES_PER_ADDRESS = 30;
/** Failed sign-ins allowed per account in a window, from any address: guessing one password is slow. */
export const SIGN_IN_FAILURES_PER_ACCOUNT = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

const limiters = new WeakMap<AppDeps, { byAddress: FailureLimiter; byAccount: FailureLimiter }>();

function limitersOf(deps: AppDeps) {
  let found = limiters.get(deps);
  if (!found) {
    found = {
      byAddress: createFailureLimiter(SIGN_IN_FAILURES_PER_ADDRESS, SIGN_IN_WINDOW_MS),
      byAccount: createFailureLimiter(SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_WINDOW_MS),
    };
    limiters.set(deps, found);
  }
  return found;
}

/**
 * Guards a sign-in attempt: refuses it with 429 (before any password hashing, which is what an
 * attacker would make us spend CPU on) when the address or the account used up its failures,
 * and answers callbacks to record the outcome.
 */
export function guardSignIn(c: Context<AppEnv>, email: string): { failed(): void; succeeded(): void } {
  const deps = c.get('deps');
  const { byAddress, byAccount } = limitersOf(deps);
  const address = `address:${clientAddressOf(c)}`;
  const account = `account:${normaliseEmail(email)}`;
  const now = deps.clock.now().getTime();
  const wait = Math.max(byAddress.blockedFor(address, now) ?? 0, byAccount.blockedFor(account, now) ?? 0);
  if (wait > 0) {
    throw new AppError(
      429,
      'rate_limited',
      'Too many requests',
      'Too many failed sign-ins; wait a while before trying again.',
      {
        retryAfterSeconds: wait,
      },
    );
  }
  return {
    failed() {
      byAddress.recordFailure(address, now);
      byAccount.recordFailure(account, now);
    },
    succeeded() {
      byAccount.clear(account);
    },
  };
}
