import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter } from '../http/router.js';

/** Where the player's static files live (HTML, ES modules, service worker, CSS; no build step). */
export const PLAYER_DIR = fileURLToPath(new URL('../../player/', import.meta.url));

/** Replaced in the HTML and the service worker, so any change of any player file installs a new worker. */
const VERSION_PLACEHOLDER = '%PLAYER_VERSION%';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface PlayerFile {
  body: Buffer;
  contentType: string;
  etag: string;
}

export interface PlayerFiles {
  /** A hash of every file: the player version reported in heartbeats and the service worker's cache name. */
  version: string;
  /** By path below /player/ ("index.html", "js/main.js"). */
  files: Map<string, PlayerFile>;
}

/** Reads the player's files once, stamps the version into them and gives each an ETag. */
export function loadPlayerFiles(dir: string = PLAYER_DIR): PlayerFiles {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && CONTENT_TYPES[path.extname(entry.name)])
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  const raw = new Map(names.map((name) => [name, readFileSync(path.join(dir, name))]));
  for (const [name, body] of raw) hash.update(name).update('\0').update(body).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  const files = new Map<string, PlayerFile>();
  for (const [name, original] of raw) {
    const extension = path.extname(name);
    const body =
      extension === '.html' || extension === '.js'
        ? Buffer.from(original.toString('utf8').replaceAll(VERSION_PLACEHOLDER, version))
        : original;
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    files.set(name, { body, contentType: CONTENT_TYPES[extension] as string, etag });
  }
  return { version, files };
}

function serveFile(c: Context<AppEnv>, player: PlayerFiles, name: string): Response {
  const file = player.files.get(name);
  if (!file) throw problems.notFound('The player file');
  // Revalidated every time: the service worker, not the HTTP cache, keeps the player offline.
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'cache-control': 'no-cache',
    etag: file.etag,
  };
  // The worker's scope is /player (no slash), so a screen set up with that address starts offline too.
  if (name === 'sw.js') headers['service-worker-allowed'] = '/player';
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
  return c.body(new Uint8Array(file.body), 200, headers);
}

const FileParam = z.object({
  file: z
    .string()
    .regex(/^[\w.-]+$/)
    .openapi({ example: 'main.js' }),
});

const fileResponses = {
  200: { description: 'The file' },
  304: { description: 'Unchanged (ETag)' },
  ...problemResponses(404),
};

/** The browser player for shop screens, at /player/ (a screen without credentials shows a pairing code). */
export function playerRoutes(player: PlayerFiles = loadPlayerFiles()) {
  const router = createRouter();
  const tags = ['Players'];

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/player',
      tags,
      summary: 'Redirects to /player/',
      access: access.public,
      responses: { 308: { description: 'To /player/' } },
    }),
    (c) => c.redirect('/player/', 308),
  );
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/player/',
      tags,
      summary: 'The player (HTML)',
      access: access.public,
      responses: fileResponses,
    }),
    (c) => serveFile(c, player, 'index.html'),
  );
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/player/{file}',
      tags,
      summary: 'A player file (CSS, service worker)',
      access: access.public,
      request: { params: FileParam },
      responses: fileResponses,
    }),
    (c) => serveFile(c, player, c.req.valid('param').file),
  );
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/player/js/{file}',
      tags,
      summary: 'A player module',
      access: access.public,
      request: { params: FileParam },
      responses: fileResponses,
    }),
    (c) => serveFile(c, player, `js/${c.req.valid('param').file}`),
  );
  return router;
}
