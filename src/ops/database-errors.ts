import { isDatabaseUnavailable } from '../errors.js';

/**
 * The error to answer for: drizzle wraps driver errors ("Failed query: …", the driver's error as
 * its cause), so a lost connection would otherwise look like a bug and become a 500. When any
 * error in the cause chain means the database cannot be reached, that one is answered (a 503).
 */
export function surfaceDatabaseFault(error: Error): Error {
  for (
    let current: unknown = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    if (isDatabaseUnavailable(current)) return current;
  }
  return error;
}
