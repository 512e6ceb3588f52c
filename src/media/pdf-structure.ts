import { type FileWindow, refuseStructure, STRUCTURE_OK, type StructureVerdict } from './file-window.js';
import { checkPdfActiveContent } from './pdf-active-content.js';

/*
 * A PDF is read from its end: the last `startxref` gives the offset of the cross-reference section
 * (a classic `xref` table or an xref stream object) and `%%EOF` closes the file. An upload cut
 * short loses that tail first, so checking that the tail is there and points at a real
 * cross-reference section refuses truncated files without loading the whole document (print PDFs
 * can be hundreds of megabytes). A complete file is then scanned for active or embedded content
 * (JavaScript, launch actions, embedded files, XFA forms…; see pdf-active-content.ts), reading
 * the syntax and object streams but stepping over page content. Nothing is rewritten: an accepted
 * file is stored and served as is.
 */

const TAIL_BYTES = 1024;
const XREF_SCAN_BYTES = 32 * 1024 * 1024;
const HAS_ROOT = /\/Root(?![A-Za-z])/;

/** PDF: complete (header, cross-reference section with a Root, `%%EOF`) and free of active content. */
export async function checkPdfStructure(file: FileWindow): Promise<StructureVerdict> {
  const verdict = await checkPdfFrame(file);
  return verdict.ok ? checkPdfActiveContent(file) : verdict;
}

/** A `%PDF-` header, a closing `%%EOF`, and a startxref pointing at a cross-reference section with a Root. */
async function checkPdfFrame(file: FileWindow): Promise<StructureVerdict> {
  const head = await file.read(0, 8);
  if (!/^%PDF-\d/.test(head.toString('latin1')))
    return refuseStructure('unsupported_type', 'No %PDF- header');
  const tailStart = Math.max(0, file.size - TAIL_BYTES);
  const tail = (await file.read(tailStart, TAIL_BYTES)).toString('latin1');
  const eof = tail.lastIndexOf('%%EOF');
  if (eof === -1) return refuseStructure('truncated', 'The PDF has no %%EOF at its end');
  if (!/^[\s\0]*$/.test(tail.slice(eof + 5))) {
    return refuseStructure('corrupt', 'Data follows the final %%EOF of the PDF');
  }
  const startxref = /startxref\s+(\d+)\s*$/.exec(tail.slice(0, eof));
  if (!startxref) return refuseStructure('corrupt', 'The PDF has no startxref before %%EOF');
  const offset = Number(startxref[1]);
  if (offset >= tailStart + eof) return refuseStructure('corrupt', 'The PDF startxref points past its end');
  return checkCrossReference(file, offset, tailStart + eof);
}

/** The section at offset must be an xref table followed by a trailer with /Root, or an XRef stream with /Root. */
async function checkCrossReference(file: FileWindow, offset: number, end: number): Promise<StructureVerdict> {
  const section = (await file.read(offset, Math.min(end - offset, XREF_SCAN_BYTES))).toString('latin1');
  const start = section.search(/\S/);
  const body = start === -1 ? '' : section.slice(start);
  if (body.startsWith('xref')) {
    const trailer = body.indexOf('trailer');
    if (trailer === -1) return refuseStructure('corrupt', 'The PDF xref table has no trailer');
    const dictionary = body.slice(trailer, trailer + 4096);
    return HAS_ROOT.test(dictionary)
      ? STRUCTURE_OK
      : refuseStructure('corrupt', 'The PDF trailer has no /Root');
  }
  if (/^\d+\s+\d+\s+obj\b/.test(body)) {
    const dictionary = body.slice(0, 4096);
    const isXrefStream = /\/Type\s*\/XRef\b/.test(dictionary) && HAS_ROOT.test(dictionary);
    return isXrefStream
      ? STRUCTURE_OK
      : refuseStructure('corrupt', 'The PDF startxref does not point at an XRef stream');
  }
  return refuseStructure('corrupt', 'The PDF startxref does not point at a cross-reference section');
}
