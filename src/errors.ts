import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { AppEnv } from './http/app-env.js';

/** One failing input field, as listed in a validation problem. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error type for expected refusals that must reach the client as a problem. Faults
 * (bugs, a database that is down) are other errors and become a 500/503 without details.
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldProblem[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

/** Common refusals, so handlers say the same thing the same way. */
export const problems = {
  unauthorized: (detail = 'Sign in or send an API token.') =>
    new AppError(401, 'unauthorized', 'Authentication required', detail),
  forbidden: (detail = 'Your role or scope does not allow this.') =>
    new AppError(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string) => new AppError(404, 'not_found', 'Not found', `${what} was not found.`),
  conflict: (code: string, detail: string) => new AppError(409, code, 'Conflict', detail),
  badRequest: (code: string, detail: string) => new AppError(400, code, 'Bad request', detail),
  unprocessable: (code: string, detail: string, errors?: FieldProblem[]) =>
    new AppError(422, code, 'Unprocessable content', detail, errors ? { errors } : {}),
  csrf: () =>
    new AppError(403, 'csrf_token_invalid', 'CSRF check failed', 'Send the X-CSRF-Token header from your session.'),
};

/** Turns zod issues into the field list of a validation problem. */
export function fieldProblemsOf(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

/** A validation failure of a request part (body, query, path, header). */
export function validationProblem(error: z.ZodError, part: string): AppError {
  return new AppError(400, 'validation_failed', 'Invalid request', `The ${part} did not pass validation.`, {
    errors: fieldProblemsOf(error, part === 'json' || part === 'form' ? undefined : part),
  });
}

/** Renders a problem+json response (RFC 9457). */
export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const body = {
    type: `https://campaign-hub.invalid/problems/${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail ?? error.title,
    code: error.code,
    requestId: c.get('requestId'),
    instance: c.req.path,
    ...error.extra,
  };
  delete (body as Record<string, unknown>).retryAfterSeconds;
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  if (error.extra.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.extra.retryAfterSeconds);
  if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="campaign-hub"';
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** Whether an error means the database cannot be reached (so the answer is 503, not 500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECTION_DESTROYED' ||
    code === 'CONNECT_TIMEOUT' ||
    code === '57P01' ||
    code === '57P03' ||
    /connection (terminated|refused|ended)|PGlite is closed/i.test(message)
  );
}

/** The app's onError: every failure becomes problem+json; internals never leak. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code =
      status === 413
        ? 'payload_too_large'
        : /malformed json/i.test(error.message)
          ? 'malformed_json'
          : status < 500
            ? 'bad_request'
            : 'internal_error';
    return problemResponse(c, new AppError(status, code, error.message || 'Request refused', error.message));
  }
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return problemResponse(c, new AppError(400, 'malformed_json', 'Malformed JSON', 'The body is not valid JSON.'));
  }
  const log = c.get('log');
  if (isDatabaseUnavailable(error)) {
    log?.error({ err: error }, 'database unavailable');
    return problemResponse(
      c,
      new AppError(503, 'database_unavailable', 'Service unavailable', 'The database is not reachable; try again shortly.', {
        retryAfterSeconds: 5,
      }),
    );
  }
  log?.error({ err: error }, 'unhandled error');
  return problemResponse(
    c,
    new AppError(500, 'internal_error', 'Internal error', 'Something went wrong on our side; it has been logged.'),
  );
}
