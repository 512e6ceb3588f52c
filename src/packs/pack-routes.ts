import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../i18n/languages.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { answerRange } from '../http/byte-range.js';
import { countPackDownloads, downloadCountsCsv } from './pack-download-counts.js';
import {
  type PackDownloadDecision,
  preparePackDownload,
  recordPackDownload,
} from './pack-download-service.js';
import {
  CampaignIdParam,
  DownloadCountsQuerySchema,
  DownloadCountsSchema,
  PackFileParam,
  PackListSchema,
} from './pack-schemas.js';
import { listCampaignPacks } from './packs-service.js';
import { folderOfSize, PLATFORM_SIZES } from './platform-sizes.js';

const ZIP_SUFFIX = /^(.+)\.zip$/;

/** Social-media packs: the public list, the download, and coordinators' download counts. */
export function packRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/packs',
      tags: ['Packs'],
      summary:
        "A campaign's social-media packs: languages, sizes, bytes, files, and whether they can be downloaded now",
      access: access.public,
      request: { params: CampaignIdParam },
      responses: {
        200: { description: 'Packs', content: { 'application/json': { schema: PackListSchema } } },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const listed = await listCampaignPacks(deps, c.get('actor'), id, deps.clock.now());
      if (!listed) throw problems.notFound('The campaign');
      const { campaign } = listed;
      return c.json(
        {
          campaignId: campaign.id,
          campaignSlug: campaign.slug,
          downloadWindow: listed.downloadWindow,
          sizes: PLATFORM_SIZES.map((size) => ({
            folder: folderOfSize(size),
            platform: size.platform,
            use: size.use,
            width: size.width,
            height: size.height,
          })),
          packs: listed.packs.map((pack) => ({
            language: pack.language,
            languageName: CONTENT_LANGUAGES[pack.language as ContentLanguage]?.name ?? pack.language,
            imageCount: pack.imageCount,
            fileCount: pack.fileCount,
            bytes: pack.bytes,
            renderedAt: pack.renderedAt?.toISOString() ?? null,
            downloadableNow: listed.downloadableNow,
            url: `/api/v1/campaigns/${campaign.id}/packs/${pack.language}.zip`,
          })),
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/packs/{file}',
      tags: ['Packs'],
      summary: 'Download a pack (zip) inside the download window; streamed, supports Range',
      description:
        'Counts one download for your organisation (a resumed Range request is not counted again).',
      access: access.signedIn,
      request: { params: PackFileParam },
      responses: {
        200: {
          description: 'The zip',
          content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        206: { description: 'Part of the zip' },
        304: { description: 'Unchanged' },
        ...problemResponses(400, 401, 403, 404, 409),
        410: { description: 'The rights to all artwork in this language have expired' },
        416: { description: 'Range not satisfiable' },
      },
    }),
    async (c) => {
      const { database, storage, log, clock } = c.get('deps');
      const user = requireUser(c.get('actor'));
      const { id, file } = c.req.valid('param');
      const language = ZIP_SUFFIX.exec(file)?.[1];
      if (!language) throw problems.notFound('The pack');
      const now = clock.now();
      const decision = await preparePackDownload({ database, storage, log }, user, id, language, now);
      if (!decision.ok) throw downloadRefusal(decision);
      const { pack } = decision;
      const etag = `"${pack.zipHash}"`;
      c.header('content-type', 'application/zip');
      c.header('content-disposition', `attachment; filename="${decision.fileName}"`);
      c.header('cache-control', `private, max-age=${decision.cacheSeconds}`);
      c.header('etag', etag);
      c.header('accept-ranges', 'bytes');
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      const range = answerRange(pack.bytes, c.req.header('range'), c.req.header('if-range'), etag);
      if (range.kind === 'unsatisfiable') {
        c.header('content-range', `bytes */${pack.bytes}`);
        return c.body(null, 416);
      }
      const stream = await storage.get(pack.zipHash, range.kind === 'partial' ? range : undefined);
      if (!stream) throw new Error(`pack zip ${pack.zipHash} is missing from the blob store`);
      if (c.req.method === 'GET' && (range.kind === 'full' || range.start === 0)) {
        await recordPackDownload(database.db, user, decision.campaign.id, language, now);
      }
      if (range.kind === 'partial') {
        c.header('content-range', `bytes ${range.start}-${range.end}/${pack.bytes}`);
        c.header('content-length', String(range.end - range.start + 1));
        return c.body(stream as unknown as ReadableStream, 206);
      }
      c.header('content-length', String(pack.bytes));
      return c.body(stream as unknown as ReadableStream, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/pack-downloads',
      tags: ['Packs'],
      summary: 'How often the packs were downloaded, per organisation or county (CSV with format=csv)',
      description:
        "Coordinators whose scope covers the campaign see every download; a county or municipal coordinator sees the downloads in their own region of a national (or their county's) campaign.",
      access: access.roles('admin', 'coordinator'),
      request: { params: CampaignIdParam, query: DownloadCountsQuerySchema },
      responses: {
        200: {
          description: 'Counts',
          content: {
            'application/json': { schema: DownloadCountsSchema },
            'text/csv': { schema: z.string() },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { database } = c.get('deps');
      const { groupBy, format } = c.req.valid('query');
      const result = await countPackDownloads(
        database.db,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        groupBy,
      );
      if (!result.ok)
        throw result.reason === 'forbidden'
          ? problems.forbidden('Your scope does not cover this campaign.')
          : problems.notFound('The campaign');
      if (format === 'csv') {
        return c.body(downloadCountsCsv(result), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${result.campaign.slug}-pack-downloads-by-${groupBy}.csv"`,
          'cache-control': 'private, no-store',
        });
      }
      const rows = result.rows.map((row) => ({ ...row, lastDownloadAt: row.lastDownloadAt.toISOString() }));
      const total = result.rows.reduce((sum, row) => sum + row.downloads, 0);
      c.header('cache-control', 'private, no-store');
      return c.json({ campaignId: result.campaign.id, groupBy, region: result.region, total, rows }, 200);
    },
  );

  return router;
}

function downloadRefusal(decision: Extract<PackDownloadDecision, { ok: false }>): AppError {
  switch (decision.reason) {
    case 'campaign_not_found':
      return problems.notFound('The campaign');
    case 'no_pack':
      return problems.notFound('A social-media pack in that language');
    case 'rights_expired':
      return new AppError(
        410,
        'pack_rights_expired',
        'Gone',
        'The rights to all social artwork in this language have expired.',
      );
    case 'window_closed':
      return new AppError(
        409,
        'download_window_closed',
        'Download window closed',
        decision.opensAt
          ? `Packs can be downloaded ${decision.window?.en ?? ''}; the window next opens at ${decision.opensAt.toISOString()}.`
          : 'This campaign has no open download window.',
        { opensAt: decision.opensAt?.toISOString() ?? null, window: decision.window },
      );
  }
}
