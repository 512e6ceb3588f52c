import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { answerRange } from '../http/byte-range.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter } from '../http/router.js';
import { findServableBlob } from './assets-service.js';
import { MIME_OF_EXTENSION } from './media-types.js';
import { cacheSecondsFor } from './rights.js';

const FileParam = z.object({
  file: z
    .string()
    .regex(/^[0-9a-f]{64}\.[a-z0-9]{2,4}$/, 'expected <sha256>.<extension>')
    .openapi({ example: `${'0'.repeat(64)}.webp` }),
});

/**
 * Media by content hash: immutable, cacheable for a year (never past the artwork's rights), so a
 * CDN can serve thousands of screens. Withdrawn artwork and artwork whose rights ran out is gone.
 */
export function mediaRoutes() {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/media/{file}',
      tags: ['Media'],
      summary: 'A stored file by its sha256 (master or rendition); supports Range',
      access: access.public,
      request: { params: FileParam },
      responses: {
        200: { description: 'The bytes' },
        206: { description: 'Part of the bytes' },
        304: { description: 'Unchanged' },
        ...problemResponses(400, 404),
        410: { description: 'Withdrawn or rights expired' },
      },
    }),
    async (c) => {
      const { database, storage, clock } = c.get('deps');
      const [hash, extension] = c.req.valid('param').file.split('.') as [string, string];
      const mime = MIME_OF_EXTENSION[extension];
      if (!mime) throw problems.notFound('The file');
      const now = clock.now();
      const servable = await findServableBlob(database.db, hash, now);
      if (!servable.ok) {
        if (servable.reason === 'unknown') throw problems.notFound('The file');
        throw new AppError(410, servable.reason, 'Gone', servable.reason === 'rights_expired' ? 'The rights to this artwork have expired.' : 'This artwork was withdrawn.');
      }
      if (servable.mime !== mime) throw problems.notFound('The file');
      const maxAge = cacheSecondsFor(servable.rightsExpiry, now);
      const etag = `"${hash}"`;
      c.header('cache-control', maxAge >= 31_536_000 ? 'public, max-age=31536000, immutable' : `public, max-age=${maxAge}`);
      c.header('etag', etag);
      c.header('accept-ranges', 'bytes');
      c.header('content-type', mime);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      const answer = answerRange(servable.bytes, c.req.header('range'), c.req.header('if-range'), etag);
      if (answer.kind === 'unsatisfiable') {
        c.header('content-range', `bytes */${servable.bytes}`);
        return c.body(null, 416);
      }
      const range = answer.kind === 'partial' ? { start: answer.start, end: answer.end } : null;
      const stream = await storage.get(hash, range ?? undefined);
      if (!stream) throw problems.notFound('The file');
      if (range) {
        c.header('content-range', `bytes ${range.start}-${range.end}/${servable.bytes}`);
        c.header('content-length', String(range.end - range.start + 1));
        return c.body(stream as unknown as ReadableStream, 206);
      }
      c.header('content-length', String(servable.bytes));
      return c.body(stream as unknown as ReadableStream, 200);
    },
  );
  return router;
}
