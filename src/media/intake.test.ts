import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMultipartUpload, receiveUpload, sanitizeFilename } from './intake.js';

let tmpDir: string;

beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'intake-test-'));
});

afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Yields `count` chunks of `size` bytes and records how many were pulled. */
function countingSource(count: number, size: number) {
  const pulled = { chunks: 0 };
  async function* source(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < count; i++) {
      pulled.chunks++;
      yield Buffer.alloc(size, i % 256);
    }
  }
  return { source: source(), pulled };
}

function multipartRequest(parts: Array<{ name: string; filename?: string; body: string | Uint8Array }>) {
  const form = new FormData();
  for (const part of parts) {
    if (part.filename === undefined) form.append(part.name, String(part.body));
    else form.append(part.name, new Blob([part.body as BlobPart]), part.filename);
  }
  return new Request('http://localhost/upload', { method: 'POST', body: form });
}

describe('receiveUpload', () => {
  it('streams into a temp file and answers its hash and size', async () => {
    const { source } = countingSource(4, 1000);
    const outcome = await receiveUpload(source, { maxBytes: 10_000, tmpDir });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const written = await readFile(outcome.tmpPath);
    expect(outcome.bytes).toBe(4000);
    expect(outcome.hash).toBe(sha256(written));
    expect(dirname(outcome.tmpPath)).toBe(tmpDir);
  });

  it('stops reading past the limit, refuses as too_large and deletes the temp file', async () => {
    const { source, pulled } = countingSource(1000, 1024);
    const outcome = await receiveUpload(source, { maxBytes: 5000, tmpDir });
    expect(outcome).toMatchObject({ ok: false, reason: 'too_large' });
    expect(pulled.chunks).toBe(5);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('accepts an upload of exactly the limit', async () => {
    const { source } = countingSource(5, 1000);
    expect(await receiveUpload(source, { maxBytes: 5000, tmpDir })).toMatchObject({ ok: true, bytes: 5000 });
  });

  it('answers aborted and keeps nothing when the source fails', async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.from('half');
      throw new Error('connection reset');
    }
    expect(await receiveUpload(failing(), { maxBytes: 5000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'aborted',
    });
    expect(await readdir(tmpDir)).toEqual([]);
  });
});

describe('parseMultipartUpload', () => {
  it('answers the one file and the text fields', async () => {
    const request = multipartRequest([
      { name: 'language', body: 'sv' },
      { name: 'file', filename: 'affisch.png', body: 'file content' },
      { name: 'altText', body: 'Två händer' },
    ]);
    const outcome = await parseMultipartUpload(request, { maxBytes: 1000, tmpDir });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.fields).toEqual({ language: 'sv', altText: 'Två händer' });
    expect(outcome.file).toMatchObject({
      filename: 'affisch.png',
      bytes: 12,
      hash: sha256(Buffer.from('file content')),
    });
    expect((await readFile(outcome.file.tmpPath)).toString()).toBe('file content');
  });

  it('never uses a path-traversal file name for the temp path', async () => {
    const request = multipartRequest([{ name: 'file', filename: '../../../etc/passwd', body: 'x' }]);
    const outcome = await parseMultipartUpload(request, { maxBytes: 1000, tmpDir });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(dirname(outcome.file.tmpPath)).toBe(tmpDir);
    expect(outcome.file.tmpPath).not.toContain('passwd');
    expect(outcome.file.filename).toBe('passwd');
    expect(await readdir(tmpDir)).toHaveLength(1);
  });

  it('refuses a file over the limit and leaves no temp file', async () => {
    const request = multipartRequest([{ name: 'file', filename: 'big.mp4', body: Buffer.alloc(200_000, 1) }]);
    expect(await parseMultipartUpload(request, { maxBytes: 50_000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'too_large',
    });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('refuses a form with two files and leaves no temp file', async () => {
    const request = multipartRequest([
      { name: 'file', filename: 'a.png', body: 'a' },
      { name: 'file', filename: 'b.png', body: 'b' },
    ]);
    expect(await parseMultipartUpload(request, { maxBytes: 1000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'several_files',
    });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('refuses a form without a file part', async () => {
    const request = multipartRequest([{ name: 'language', body: 'sv' }]);
    expect(await parseMultipartUpload(request, { maxBytes: 1000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'no_file',
    });
  });

  it('refuses more fields than allowed', async () => {
    const fields = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, body: 'v' }));
    const request = multipartRequest([...fields, { name: 'file', filename: 'a.png', body: 'a' }]);
    expect(await parseMultipartUpload(request, { maxBytes: 1000, tmpDir, maxFields: 3 })).toMatchObject({
      ok: false,
      reason: 'too_many_fields',
    });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('refuses a request that is not multipart', async () => {
    const request = new Request('http://localhost/upload', { method: 'POST', body: 'raw bytes' });
    expect(await parseMultipartUpload(request, { maxBytes: 1000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'not_multipart',
    });
  });

  it('refuses a multipart body cut off inside the file part and keeps nothing', async () => {
    const boundary = 'XyZboundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nhalf of the fi`;
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(await parseMultipartUpload(request, { maxBytes: 1000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('refuses a multipart header without a boundary', async () => {
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; charset=utf-8' },
      body: 'x',
    });
    expect(await parseMultipartUpload(request, { maxBytes: 1000, tmpDir })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('keeps a field named __proto__ as plain data', async () => {
    const request = multipartRequest([
      { name: '__proto__', body: 'polluted' },
      { name: 'file', filename: 'a.png', body: 'a' },
    ]);
    const outcome = await parseMultipartUpload(request, { maxBytes: 1000, tmpDir });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(Object.getOwnPropertyDescriptor(outcome.fields, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('sanitizeFilename', () => {
  it('drops folders, control and bidi characters', () => {
    expect(sanitizeFilename('..\\..\\windows\\evil.exe')).toBe('evil.exe');
    expect(sanitizeFilename('a\u0000b\u202e.png')).toBe('ab.png');
    expect(sanitizeFilename('..')).toBe('');
    expect(sanitizeFilename(undefined)).toBe('');
  });
});
