import { type FileWindow, refuseStructure, STRUCTURE_OK, type StructureVerdict } from './file-window.js';

/*
 * WebM is EBML (Matroska): elements of `id(vint) size(vint) data`. A file is an EBML header whose
 * DocType is "webm", then one Segment. A Segment (and a Cluster inside it) may have "unknown
 * size" (all size bits set) when written live; then its end is found by walking the children
 * until an element that cannot be a child appears.
 */

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  cluster: 0x1f43b675,
  tracks: 0x1654ae6b,
} as const;

/** Level-1 elements a WebM Segment may hold. */
const SEGMENT_CHILDREN = new Set([
  0x114d9b74,
  0x1549a966,
  ID.tracks,
  ID.cluster,
  0x1c53bb6b,
  0x1043a770,
  0x1254c367,
  0x1941a469,
  0xec,
  0xbf,
]);
/** Elements a Cluster may hold; any other id ends an unknown-size Cluster. */
const CLUSTER_CHILDREN = new Set([0xe7, 0x5854, 0xa7, 0xab, 0xa3, 0xa0, 0xaf, 0xec, 0xbf]);
const MAX_ELEMENTS = 2_000_000;

type Element = { id: number; start: number; dataStart: number; end: number | null };
type Refusal = Extract<StructureVerdict, { ok: false }>;

/** WebM: EBML header with DocType webm, one Segment that fits the file exactly, Tracks and a Cluster. */
export async function checkWebmStructure(file: FileWindow): Promise<StructureVerdict> {
  const header = await readElement(file, 0);
  if ('ok' in header) return header;
  if (header.id !== ID.ebml || header.end === null) return refuseStructure('corrupt', 'No EBML header');
  if (header.end > file.size) return refuseStructure('truncated', 'The EBML header is cut off');
  const docType = await readDocType(file, header);
  if (docType !== 'webm')
    return refuseStructure('unsupported_type', `EBML DocType "${docType ?? ''}" is not webm`);

  const segment = await readElement(file, header.end);
  if ('ok' in segment) return segment;
  if (segment.id !== ID.segment)
    return refuseStructure('corrupt', 'The EBML header is not followed by a Segment');
  if (segment.end !== null && segment.end > file.size) {
    return refuseStructure('truncated', 'The WebM is shorter than its Segment says');
  }
  const limit = segment.end ?? file.size;
  const walked = await walkSegment(file, segment.dataStart, limit);
  if (!walked.ok) return walked;
  if (limit < file.size)
    return refuseStructure('unsupported_type', `${file.size - limit} bytes of other data follow the WebM`);
  return STRUCTURE_OK;
}

/** Walks the Segment's children over [start, limit), requiring Tracks and at least one Cluster. */
async function walkSegment(file: FileWindow, start: number, limit: number): Promise<StructureVerdict> {
  const overrun = limit === file.size ? 'truncated' : 'corrupt';
  const seen = new Set<number>();
  let position = start;
  let count = 0;
  while (position < limit) {
    if (++count > MAX_ELEMENTS) return refuseStructure('corrupt', 'Too many WebM elements');
    const element = await readElement(file, position);
    if ('ok' in element) return element;
    if (!SEGMENT_CHILDREN.has(element.id)) {
      return refuseStructure(
        'corrupt',
        `Unexpected element 0x${element.id.toString(16)} at byte ${position}`,
      );
    }
    seen.add(element.id);
    if (element.end === null) {
      if (element.id !== ID.cluster) return refuseStructure('corrupt', 'Only Clusters may have unknown size');
      const end = await walkOpenCluster(file, element.dataStart, limit);
      if (typeof end !== 'number') return end;
      position = end;
    } else {
      if (element.end > limit)
        return refuseStructure(overrun, `An element at byte ${position} runs past the end`);
      position = element.end;
    }
  }
  if (!seen.has(ID.tracks)) return refuseStructure('corrupt', 'The WebM has no Tracks');
  if (!seen.has(ID.cluster)) return refuseStructure('truncated', 'The WebM has no Clusters');
  return STRUCTURE_OK;
}

/** The end of an unknown-size Cluster: where the first element that is not a Cluster child starts. */
async function walkOpenCluster(file: FileWindow, start: number, limit: number): Promise<number | Refusal> {
  let position = start;
  for (let count = 0; position < limit; count++) {
    if (count > MAX_ELEMENTS) return refuseStructure('corrupt', 'Too many WebM elements');
    const element = await readElement(file, position);
    if ('ok' in element) return element;
    if (!CLUSTER_CHILDREN.has(element.id)) return position;
    if (element.end === null) return refuseStructure('corrupt', 'A Cluster child has unknown size');
    if (element.end > limit)
      return refuseStructure('truncated', `A block at byte ${position} runs past the end`);
    position = element.end;
  }
  return position;
}

/** The element header at position; a cut-off header is truncation. */
async function readElement(file: FileWindow, position: number): Promise<Element | Refusal> {
  const bytes = await file.read(position, 12);
  const id = readVint(bytes, 0, true);
  if (id === 'short')
    return refuseStructure('truncated', `The WebM ends inside an element at byte ${position}`);
  if (id === 'invalid' || id.length > 4)
    return refuseStructure('corrupt', `Unreadable element id at byte ${position}`);
  const size = readVint(bytes, id.length, false);
  if (size === 'short')
    return refuseStructure('truncated', `The WebM ends inside an element at byte ${position}`);
  if (size === 'invalid') return refuseStructure('corrupt', `Unreadable element size at byte ${position}`);
  const dataStart = position + id.length + size.length;
  return { id: id.value, start: position, dataStart, end: size.unknown ? null : dataStart + size.value };
}

type Vint = { value: number; length: number; unknown: boolean };

/** An EBML variable-length integer: the count of leading zero bits gives its length. */
function readVint(bytes: Buffer, offset: number, keepMarker: boolean): Vint | 'short' | 'invalid' {
  const first = bytes[offset];
  if (first === undefined) return 'short';
  if (first === 0) return 'invalid';
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.length) return 'short';
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[offset + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  const unknown = !keepMarker && allOnes;
  if (!unknown && value > Number.MAX_SAFE_INTEGER) return 'invalid';
  return { value, length, unknown };
}

/** The DocType string of an EBML header, or undefined. */
async function readDocType(file: FileWindow, header: Element): Promise<string | undefined> {
  const end = header.end ?? header.dataStart;
  if (end - header.dataStart > 4096) return undefined;
  let position = header.dataStart;
  while (position < end) {
    const element = await readElement(file, position);
    if ('ok' in element || element.end === null || element.end > end) return undefined;
    if (element.id === ID.docType) {
      const text = await file.read(element.dataStart, element.end - element.dataStart);
      return text.toString('latin1').replace(/\0+$/, '');
    }
    position = element.end;
  }
  return undefined;
}
