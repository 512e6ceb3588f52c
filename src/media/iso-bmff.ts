import { type FileWindow, refuseStructure, STRUCTURE_OK, type StructureVerdict } from './file-window.js';

/*
 * ISO base media file format (MP4, AVIF): a file is a sequence of boxes, each `size(4) type(4)`,
 * with size 1 meaning a 64-bit size follows and size 0 meaning "to the end of the file". A complete
 * file is exactly its boxes, so a cut-off upload or appended data shows up as a size mismatch.
 */

export type Box = { type: string; start: number; dataStart: number; end: number };

const MAX_BOXES = 100_000;

/** Brands of the MP4 family (ISO 14496-12/14 and common profiles) accepted as MP4 video. */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso7',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'M4V ',
  'M4VH',
  'M4VP',
  'msnv',
  'MSNV',
  'f4v ',
  'mmp4',
]);
/** Major brands that are not MP4 video even when they list an MP4 brand as compatible. */
const NOT_MP4_MAJOR = new Set([
  'qt  ',
  'M4A ',
  'M4B ',
  'M4P ',
  'heic',
  'heix',
  'mif1',
  'msf1',
  'avif',
  'avis',
  'crx ',
]);

type BoxList = { ok: true; boxes: Box[] } | Extract<StructureVerdict, { ok: false }>;

/** The boxes filling [start, end) exactly; a box past `end` is truncation when end is the file's end. */
export async function readBoxes(file: FileWindow, start: number, end: number): Promise<BoxList> {
  const boxes: Box[] = [];
  const overrun = end === file.size ? 'truncated' : 'corrupt';
  let position = start;
  while (position < end) {
    if (boxes.length >= MAX_BOXES) return refuseStructure('corrupt', 'Too many boxes');
    const header = await file.read(position, 16);
    if (position + 8 > end || header.length < 8)
      return refuseStructure(overrun, `A box header at byte ${position} is cut off`);
    const type = header.toString('latin1', 4, 8);
    if (!/^[\x20-\x7e]{4}$/.test(type))
      return refuseStructure('corrupt', `Unreadable box at byte ${position}`);
    const declared = header.readUInt32BE(0);
    let headerSize = 8;
    let size = declared;
    if (declared === 1) {
      if (header.length < 16) return refuseStructure(overrun, `The box ${type} is cut off`);
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (declared === 0) {
      size = end - position;
    }
    if (size < headerSize) return refuseStructure('corrupt', `The box ${type} has an impossible size`);
    if (position + size > end) return refuseStructure(overrun, `The box ${type} runs past the end`);
    boxes.push({ type, start: position, dataStart: position + headerSize, end: position + size });
    position += size;
  }
  return { ok: true, boxes };
}

/** The major and compatible brands of an ftyp box. */
async function readBrands(file: FileWindow, ftyp: Box): Promise<{ major: string; all: string[] }> {
  const data = await file.read(ftyp.dataStart, Math.min(ftyp.end - ftyp.dataStart, 1024));
  const major = data.toString('latin1', 0, 4);
  const all = [major];
  for (let offset = 8; offset + 4 <= data.length; offset += 4)
    all.push(data.toString('latin1', offset, offset + 4));
  return { major, all };
}

/** AVIF: an ftyp box first and boxes that fill the file exactly. */
export async function checkAvifStructure(file: FileWindow): Promise<StructureVerdict> {
  const list = await readBoxes(file, 0, file.size);
  if (!list.ok) return list;
  if (list.boxes[0]?.type !== 'ftyp') return refuseStructure('corrupt', 'The AVIF does not start with ftyp');
  if (!list.boxes.some((box) => box.type === 'meta'))
    return refuseStructure('corrupt', 'The AVIF has no meta box');
  return STRUCTURE_OK;
}

/**
 * MP4: an MP4-family ftyp, top-level boxes that fill the file exactly, a moov box (without it the
 * file cannot play: the classic sign of an upload cut short), media data, and a video track.
 */
export async function checkMp4Structure(file: FileWindow): Promise<StructureVerdict> {
  const list = await readBoxes(file, 0, file.size);
  if (!list.ok) return list;
  const [ftyp] = list.boxes;
  if (ftyp?.type !== 'ftyp')
    return refuseStructure('unsupported_type', 'The file does not start with an ftyp box');
  const brands = await readBrands(file, ftyp);
  const isMp4 =
    MP4_BRANDS.has(brands.major) ||
    (!NOT_MP4_MAJOR.has(brands.major) && brands.all.some((b) => MP4_BRANDS.has(b)));
  if (!isMp4)
    return refuseStructure(
      'unsupported_type',
      `ISO media of brand "${brands.major.trim()}" is not MP4 video`,
    );
  const moov = list.boxes.find((box) => box.type === 'moov');
  if (!moov) return refuseStructure('truncated', 'The MP4 has no moov box');
  if (!list.boxes.some((box) => box.type === 'mdat'))
    return refuseStructure('truncated', 'The MP4 has no media data');
  return (await hasVideoTrack(file, moov))
    ? STRUCTURE_OK
    : refuseStructure('unsupported_type', 'The MP4 has no video track');
}

/** Whether moov holds a trak whose mdia/hdlr handler is 'vide'; malformed nesting counts as no. */
async function hasVideoTrack(file: FileWindow, moov: Box): Promise<boolean> {
  const tracks = await childrenOfType(file, moov, 'trak');
  for (const trak of tracks) {
    for (const mdia of await childrenOfType(file, trak, 'mdia')) {
      for (const hdlr of await childrenOfType(file, mdia, 'hdlr')) {
        // hdlr: version/flags(4), pre_defined(4), handler_type(4)
        const data = await file.read(hdlr.dataStart, 12);
        if (data.length === 12 && data.toString('latin1', 8, 12) === 'vide') return true;
      }
    }
  }
  return false;
}

async function childrenOfType(file: FileWindow, parent: Box, type: string): Promise<Box[]> {
  const list = await readBoxes(file, parent.dataStart, parent.end);
  return list.ok ? list.boxes.filter((box) => box.type === type) : [];
}
