import { z } from '@hono/zod-openapi';

/** The problem+json body (RFC 9457) every error response carries. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'Stable machine-readable code' }),
    requestId: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** Standard error responses to spread into a route's `responses`. */
export function problemResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503>) {
  const descriptions: Record<number, string> = {
    400: 'Invalid request',
    401: 'Not signed in',
    403: 'Not allowed for this role or scope',
    404: 'Not found',
    409: 'Conflict with the current state',
    413: 'Too large',
    415: 'Unsupported media type',
    422: 'Valid request that cannot be carried out',
    429: 'Too many requests',
    503: 'Temporarily unavailable',
  };
  return Object.fromEntries(
    statuses.map((status) => [status, { description: descriptions[status] ?? 'Error', content: problemContent }]),
  ) as Record<number, { description: string; content: typeof problemContent }>;
}
