import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostilePdfs, lookalikePdfs, pdfWith, writePdf } from '../../test/fixtures/hostile/hostile-pdfs.js';
import { makeClassicPdf, makePdfWithPdfLib } from '../../test/fixtures/media/make-media.js';
import { FileWindow } from './file-window.js';
import { lexPdfToken } from './pdf-lexer.js';
import { checkPdfStructure } from './pdf-structure.js';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-structure-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(bytes: Uint8Array) {
  const path = join(dir, `file-${counter++}.pdf`);
  await writeFile(path, bytes);
  const file = await FileWindow.open(path);
  try {
    return await checkPdfStructure(file);
  } finally {
    await file.close();
  }
}

describe('lexPdfToken', () => {
  const tokens = (text: string) => {
    const buf = Buffer.from(text, 'latin1');
    const out: string[] = [];
    for (let at = 0; ; ) {
      const lexed = lexPdfToken(buf, at, true);
      if (lexed.kind !== 'token') return out;
      const { token } = lexed;
      out.push(
        token.kind === 'name' || token.kind === 'keyword' ? `${token.kind}:${token.value}` : token.kind,
      );
      at = lexed.end;
    }
  };

  it('decodes #xx escapes in names', () => {
    expect(tokens('/J#61vaScript /#4A#53 /A#2')).toEqual(['name:JavaScript', 'name:JS', 'name:A#2']);
  });

  it('reads nested and escaped parentheses as one string, and skips comments', () => {
    expect(tokens('(a (b) \\) /JS) % /AA\n/S')).toEqual(['string', 'name:S']);
  });

  it('tells dictionaries from hex strings, and ends a hex string at a byte that cannot be in one', () => {
    expect(tokens('<< <2f4a53> >>')).toEqual(['dict-open', 'string', 'dict-close']);
    expect(tokens('< /JS >')).toEqual(['junk', 'name:JS', 'junk']);
  });

  it('asks for more bytes when a token may continue past the buffer', () => {
    expect(lexPdfToken(Buffer.from('/JavaSc'), 0, false)).toEqual({ kind: 'more' });
    expect(lexPdfToken(Buffer.from('(open'), 0, false)).toEqual({ kind: 'more' });
  });
});

describe('checkPdfStructure and active content', () => {
  it('accepts PDFs from pdf-lib (object and xref streams) and with a classic xref table', async () => {
    expect(await check(await makePdfWithPdfLib())).toEqual({ ok: true });
    expect(await check(makeClassicPdf())).toEqual({ ok: true });
  });

  it('accepts harmless PDFs whose strings, comments or page content contain the names', async () => {
    for (const { what, bytes } of lookalikePdfs()) expect(await check(bytes), what).toEqual({ ok: true });
  });

  it('refuses every PDF with active or embedded content, naming what it found', async () => {
    for (const pdf of await hostilePdfs()) {
      const verdict = await check(pdf.bytes);
      expect(verdict.ok, pdf.what).toBe(false);
      if (!verdict.ok) expect(verdict.detail, pdf.what).toContain(pdf.mentions);
    }
  });

  it('answers unsupported_type for active content, so uploads get a 415 problem', async () => {
    const verdict = await check(pdfWith('/OpenAction << /S /JavaScript /JS (1) >>'));
    expect(verdict).toEqual({
      ok: false,
      code: 'unsupported_type',
      detail: 'PDFs with JavaScript are not accepted (found /JavaScript in the document)',
    });
  });

  it('refuses an object stream that decompresses beyond what the check reads', async () => {
    const bomb = deflateSync(Buffer.alloc(65 * 1024 * 1024, 0x20));
    const verdict = await check(
      pdfWith('', [{ dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', stream: bomb }]),
    );
    expect(verdict).toMatchObject({ ok: false, code: 'unsupported_type' });
    if (!verdict.ok) expect(verdict.detail).toContain('decompresses beyond');
  });

  it('refuses a stream keyword that follows no dictionary', async () => {
    const verdict = await check(writePdf(['<< /Type /Catalog >>', '[1 2]\nstream\n/JS\nendstream']));
    expect(verdict).toMatchObject({ ok: false, code: 'corrupt' });
  });

  it('refuses a string left open to the end of the file', async () => {
    const pdf = makeClassicPdf();
    const open = Buffer.concat([pdf.subarray(0, 9), Buffer.from('1 0 obj (never closed\n'), pdf.subarray(9)]);
    expect(await check(open)).toMatchObject({ ok: false });
  });
});
