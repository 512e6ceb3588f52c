import { type FileWindow, refuseStructure, STRUCTURE_OK, type StructureVerdict } from './file-window.js';

/*
 * Container walks for the raster formats. sharp decodes what it needs and ignores the rest, so a
 * file cut short or carrying another file after the image (a polyglot: PNG + ZIP, JPEG + HTML)
 * can still decode. These walks account for every byte instead. Images are re-encoded before they
 * are stored, so a payload that slipped through would not survive anyway; refusing it tells the
 * uploader early and honestly.
 */

const MAX_PNG_CHUNKS = 200_000;
const MAX_JPEG_SEGMENTS = 100_000;
const MAX_JPEG_TRAILER_BYTES = 32 * 1024 * 1024;
const SCAN_BYTES = 64 * 1024;

/** PNG: chunks from IHDR to IEND must fit the file exactly. */
export async function checkPngStructure(file: FileWindow): Promise<StructureVerdict> {
  let position = 8;
  for (let count = 0; ; count++) {
    if (count > MAX_PNG_CHUNKS) return refuseStructure('corrupt', 'The PNG has too many chunks');
    const header = await file.read(position, 8);
    if (header.length < 8) return refuseStructure('truncated', 'The PNG ends before its IEND chunk');
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) {
      return refuseStructure('corrupt', `Unreadable PNG chunk at byte ${position}`);
    }
    if (count === 0 && type !== 'IHDR') return refuseStructure('corrupt', 'The PNG does not start with IHDR');
    const end = position + 12 + length;
    if (end > file.size) return refuseStructure('truncated', `The PNG ends inside its ${type} chunk`);
    position = end;
    if (type === 'IEND') break;
  }
  return refuseTrailingData(file, position, 'PNG');
}

/** WebP: the RIFF length must match the file and its chunks must fill it. */
export async function checkWebpStructure(file: FileWindow): Promise<StructureVerdict> {
  const header = await file.read(0, 12);
  if (header.length < 12) return refuseStructure('truncated', 'The WebP header is incomplete');
  const total = 8 + header.readUInt32LE(4);
  if (total > file.size) return refuseStructure('truncated', 'The WebP is shorter than its header says');
  let position = 12;
  let sawImage = false;
  while (position < total) {
    const chunk = await file.read(position, 8);
    if (chunk.length < 8) return refuseStructure('corrupt', 'The WebP ends inside a chunk header');
    const size = chunk.readUInt32LE(4);
    const end = position + 8 + size + (size & 1);
    if (end > total) return refuseStructure('corrupt', 'A WebP chunk runs past the RIFF length');
    if (/^VP8[ LX]$/.test(chunk.toString('latin1', 0, 4))) sawImage = true;
    position = end;
  }
  if (!sawImage) return refuseStructure('corrupt', 'The WebP has no image chunk');
  return refuseTrailingData(file, total, 'WebP');
}

/**
 * JPEG: segments up to the first scan, entropy-coded data up to the end-of-image marker. Phones
 * legitimately append data after that marker (a second JPEG with a gain map, vendor trailers), so
 * a trailer is allowed unless it carries another kind of document.
 */
export async function checkJpegStructure(file: FileWindow): Promise<StructureVerdict> {
  let position = 2;
  let sawFrame = false;
  let sawScan = false;
  for (let count = 0; ; count++) {
    if (count > MAX_JPEG_SEGMENTS) return refuseStructure('corrupt', 'The JPEG has too many segments');
    const head = await file.read(position, 4);
    if (head.length < 2) return refuseStructure('truncated', 'The JPEG ends before its end-of-image marker');
    if (head[0] !== 0xff) return refuseStructure('corrupt', `Expected a JPEG marker at byte ${position}`);
    const marker = head[1] as number;
    if (marker === 0xff) {
      position += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9) {
      position += 2;
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      position += 2;
      continue;
    }
    if (head.length < 4) return refuseStructure('truncated', 'The JPEG ends inside a segment header');
    const length = head.readUInt16BE(2);
    if (marker === 0xd8 || marker === 0x00 || length < 2) {
      return refuseStructure('corrupt', `Unreadable JPEG segment at byte ${position}`);
    }
    position += 2 + length;
    if (position > file.size) return refuseStructure('truncated', 'The JPEG ends inside a segment');
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      sawFrame = true;
    if (marker === 0xda) {
      sawScan = true;
      const next = await findMarkerAfterScan(file, position);
      if (next < 0)
        return refuseStructure('truncated', 'The JPEG image data ends without an end-of-image marker');
      position = next;
    }
  }
  if (!sawFrame || !sawScan) return refuseStructure('corrupt', 'The JPEG has no frame or no image data');
  return checkJpegTrailer(file, position);
}

/** The offset of the first marker after entropy-coded data (skipping stuffed bytes and restarts), or -1. */
async function findMarkerAfterScan(file: FileWindow, start: number): Promise<number> {
  let position = start;
  while (position < file.size) {
    const chunk = await file.read(position, SCAN_BYTES);
    let index = chunk.indexOf(0xff);
    while (index !== -1 && index + 1 < chunk.length) {
      const next = chunk[index + 1] as number;
      const isData = next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7);
      if (!isData) return position + index;
      index = chunk.indexOf(0xff, index + 1);
    }
    if (index === -1) {
      position += chunk.length;
    } else {
      // A 0xFF at the window's edge: read again from it to see the byte after.
      if (position + index + 1 >= file.size) return -1;
      position += index;
    }
  }
  return -1;
}

async function checkJpegTrailer(file: FileWindow, position: number): Promise<StructureVerdict> {
  const trailerBytes = file.size - position;
  if (trailerBytes === 0) return STRUCTURE_OK;
  if (trailerBytes > MAX_JPEG_TRAILER_BYTES) {
    return refuseStructure('unsupported_type', `${trailerBytes} bytes of other data follow the JPEG image`);
  }
  const trailer = await file.read(position, trailerBytes);
  const foreign = findForeignDocument(trailer);
  return foreign
    ? refuseStructure('unsupported_type', `The JPEG image is followed by ${foreign} content`)
    : STRUCTURE_OK;
}

const FOREIGN_SIGNATURES: Array<[string, string]> = [
  ['pk\x03\x04', 'ZIP'],
  ['pk\x05\x06', 'ZIP'],
  ['%pdf-', 'PDF'],
  ['<html', 'HTML'],
  ['<!doctype', 'HTML'],
  ['<script', 'HTML'],
  ['<iframe', 'HTML'],
  ['<body', 'HTML'],
  ['<svg', 'SVG'],
  ['<?php', 'PHP'],
];

/** Names the kind of document whose signature appears in bytes (ASCII case-insensitive), if any. */
export function findForeignDocument(bytes: Uint8Array): string | undefined {
  const lowered = Buffer.from(bytes);
  for (let i = 0; i < lowered.length; i++) {
    const byte = lowered[i] as number;
    if (byte >= 0x41 && byte <= 0x5a) lowered[i] = byte + 0x20;
  }
  for (const [signature, kind] of FOREIGN_SIGNATURES) {
    if (lowered.indexOf(Buffer.from(signature, 'latin1')) !== -1) return kind;
  }
  return undefined;
}

/** Refuses any bytes after a container's declared end. */
export function refuseTrailingData(file: FileWindow, end: number, format: string): StructureVerdict {
  if (end === file.size) return STRUCTURE_OK;
  return refuseStructure(
    'unsupported_type',
    `${file.size - end} bytes of other data follow the ${format} image`,
  );
}
