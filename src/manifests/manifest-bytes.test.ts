import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, createSharedDeflate, gzipManifestAt, packManifest, plainManifestAt } from './manifest-bytes.js';
import { etagMatches } from './manifest-reply.js';

const own = '{"version":"abc","screen":{"id":"s1","name":"Entré"},';
const shared = `"items":[${Array.from({ length: 200 }, (_, i) => `{"n":${i},"text":"Kvinnofridslinjen 020-50 50 50"}`).join(',')}],"serverTime":`;

describe('manifest bytes', () => {
  it('appends the send time to the compressed manifest, giving valid gzip of the whole JSON', () => {
    const packed = packManifest({ own, shared });
    for (const at of ['2026-11-23T10:00:00.000Z', '2027-02-01T23:59:59.999Z']) {
      const text = gunzipSync(gzipManifestAt(packed, new Date(at))).toString('utf8');
      expect(text).toBe(`${own}${shared}"${at}"}`);
      expect(JSON.parse(text).serverTime).toBe(at);
      expect(Buffer.from(plainManifestAt(packed, new Date(at))).toString('utf8')).toBe(text);
    }
    expect(packed.head.length + packed.shared.length).toBeLessThan(Buffer.byteLength(own + shared) / 5);
  });

  it('keeps one copy of the compressed programme for manifests that share it', () => {
    const deflateShared = createSharedDeflate();
    const first = packManifest({ own, shared }, deflateShared);
    const other = packManifest({ own: '{"version":"def","screen":{"id":"s2","name":"Kassa 2"},', shared }, deflateShared);
    const different = packManifest({ own, shared: `"items":[],"serverTime":` }, deflateShared);
    expect(other.shared).toBe(first.shared);
    expect(different.shared).not.toBe(first.shared);
    const at = new Date('2026-11-23T10:00:00.000Z');
    expect(JSON.parse(gunzipSync(gzipManifestAt(other, at)).toString('utf8')).screen.id).toBe('s2');
    expect(JSON.parse(gunzipSync(gzipManifestAt(first, at)).toString('utf8')).screen.id).toBe('s1');
  });

  it('reads Accept-Encoding as browsers and proxies send it', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('matches If-None-Match lists, weak forms and the wildcard against the ETag', () => {
    expect(etagMatches('"v1"', '"v1"')).toBe(true);
    expect(etagMatches('"v0", W/"v1"', '"v1"')).toBe(true);
    expect(etagMatches('*', '"v1"')).toBe(true);
    expect(etagMatches('"v2"', '"v1"')).toBe(false);
    expect(etagMatches('v1', '"v1"')).toBe(false);
    expect(etagMatches(undefined, '"v1"')).toBe(false);
  });
});
