import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

/*
 * SVG is a document format: it can run script, load other documents and pull remote resources.
 * Artwork needs none of that, so anything active or external is refused (not cleaned: a silently
 * altered upload would surprise the coordinator and hide an attack). Parsing uses saxes, a strict
 * XML 1.0 + namespaces parser (the one inside jsdom): it never expands entities beyond the five
 * predefined ones and character references, reports a DOCTYPE as an event, and streams without
 * building a tree, so element names, namespaces and attribute values are seen exactly as an XML
 * renderer (librsvg, browsers) will see them, with character references already decoded.
 */

export type SvgVerdict =
  /** embeddedImages: the decoded data: URI images, for the renderer to size-check before drawing. */
  | { ok: true; embeddedImages: Buffer[] }
  | { ok: false; code: 'not_svg' | 'malformed' | 'hostile_svg'; detail: string };

const SVG_NS = 'http://www.w3.org/2000/svg';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Namespaces whose elements are live documents or inclusion, never artwork. */
const FORBIDDEN_NAMESPACES = new Set([
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/2001/XInclude',
  'http://www.w3.org/2001/xml-events',
]);
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'handler',
  'listener',
  'iframe',
  'frame',
  'embed',
  'object',
  'applet',
  'base',
  'link',
  'meta',
]);
const ANIMATION_ELEMENTS = new Set([
  'set',
  'animate',
  'animatemotion',
  'animatetransform',
  'animatecolor',
  'discard',
]);
const MAX_DEPTH = 256;
const MAX_ELEMENTS = 200_000;

class Refused extends Error {
  constructor(readonly verdict: Extract<SvgVerdict, { ok: false }>) {
    super(verdict.detail);
  }
}

const hostile = (detail: string) => new Refused({ ok: false, code: 'hostile_svg', detail });

/** Whether an SVG document is well-formed, has an svg root and holds nothing active or external. */
export function checkSvgSafety(text: string): SvgVerdict {
  const parser = new SaxesParser({ xmlns: true });
  const state = { depth: 0, elements: 0, styleDepth: 0 };
  const embeddedImages: Buffer[] = [];
  // Findings before the root element wait for it: an HTML page with a DOCTYPE is simply not SVG.
  let prologFinding: Refused | undefined;
  parser.on('doctype', () => {
    prologFinding ??= hostile('A DOCTYPE (entities, external DTD) is not allowed in SVG uploads');
  });
  parser.on('processinginstruction', (pi) => {
    const finding = hostile(`The processing instruction <?${pi.target}?> is not allowed`);
    if (state.elements === 0) prologFinding ??= finding;
    else throw finding;
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      throw new Refused({
        ok: false,
        code: 'malformed',
        detail: `Only UTF-8 SVG is accepted, not ${decl.encoding}`,
      });
    }
  });
  parser.on('opentag', (tag) => {
    state.depth++;
    state.elements++;
    if (state.elements === 1 && (tag.local !== 'svg' || tag.uri !== SVG_NS)) {
      throw new Refused({
        ok: false,
        code: 'not_svg',
        detail: `The root element is <${tag.name}>, not an SVG <svg>`,
      });
    }
    if (prologFinding) throw prologFinding;
    if (state.depth > MAX_DEPTH) throw hostile('The SVG nests elements too deeply');
    if (state.elements > MAX_ELEMENTS) throw hostile('The SVG has too many elements');
    checkElement(tag, embeddedImages);
    if (tag.local.toLowerCase() === 'style') state.styleDepth++;
  });
  parser.on('closetag', (tag) => {
    state.depth--;
    if (tag.local.toLowerCase() === 'style') state.styleDepth--;
  });
  const checkStyleText = (content: string) => {
    if (state.styleDepth > 0) checkCss(content, '<style>', embeddedImages);
  };
  parser.on('text', checkStyleText);
  parser.on('cdata', checkStyleText);
  parser.on('error', (error) => {
    throw new Refused({
      ok: false,
      code: 'malformed',
      detail: `The SVG is not well-formed XML: ${error.message}`,
    });
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Refused) return error.verdict;
    throw error;
  }
  if (prologFinding) return prologFinding.verdict;
  if (state.elements === 0) return { ok: false, code: 'not_svg', detail: 'The document has no elements' };
  return { ok: true, embeddedImages };
}

/** Refuses active elements, foreign live namespaces and dangerous attributes. */
function checkElement(tag: SaxesTagNS, found: Buffer[]): void {
  const local = tag.local.toLowerCase();
  if (FORBIDDEN_ELEMENTS.has(local)) throw hostile(`The element <${tag.name}> is not allowed`);
  if (FORBIDDEN_NAMESPACES.has(tag.uri))
    throw hostile(`The element <${tag.name}> (${tag.uri}) is not allowed`);
  for (const attribute of Object.values(tag.attributes)) checkAttribute(attribute, local, found);
}

function checkAttribute(attribute: SaxesAttributeNS, elementLocal: string, found: Buffer[]): void {
  const local = attribute.local.toLowerCase();
  const { name, value } = attribute;
  if (local.startsWith('on')) throw hostile(`The event handler attribute ${name} is not allowed`);
  if (attribute.uri === XML_NS && local === 'base') throw hostile('xml:base is not allowed');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters hide "javascript:" from naive checks
  const squeezed = value.replace(/[\s\0-\x1f]/g, '').toLowerCase();
  if (/(?:java|vb)script:|data:text\/html/.test(squeezed))
    throw hostile(`The attribute ${name} holds a script URL`);
  if (local === 'href' || local === 'src') checkReference(value, name, found);
  if (local === 'style') checkCss(value, 'the style attribute', found);
  else if (/url\s*\(/i.test(value)) checkCssUrls(value, `the attribute ${name}`, found);
  if (ANIMATION_ELEMENTS.has(elementLocal) && local === 'attributename') {
    const target = value
      .trim()
      .toLowerCase()
      .replace(/^[^:]*:/, '');
    if (target === 'href' || target === 'src' || target === 'style' || target.startsWith('on')) {
      throw hostile(`Animating ${value} is not allowed`);
    }
  }
}

const FRAGMENT = /^#[A-Za-z_][\w.:-]*$/;
const DATA_IMAGE = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/=\s]*)$/i;

/** A reference must stay inside the document (#id) or be an embedded PNG, JPEG or WebP image. */
function checkReference(raw: string, where: string, found: Buffer[]): void {
  const value = raw.trim();
  if (FRAGMENT.test(value)) return;
  const data = DATA_IMAGE.exec(value);
  if (!data) throw hostile(`${where} refers outside the document: ${value.slice(0, 80)}`);
  const declared = (data[1] as string).toLowerCase();
  const bytes = Buffer.from((data[2] as string).replace(/\s/g, ''), 'base64');
  if (embeddedImageFormat(bytes) !== declared) {
    throw hostile(`${where} embeds data that is not the ${declared} image it claims to be`);
  }
  found.push(bytes);
}

/** The raster format of embedded image bytes, by magic number. */
function embeddedImageFormat(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/**
 * CSS may not import, escape (escapes can spell url( or @import in disguise), bind behaviours, or
 * load anything but a fragment or an embedded image.
 */
function checkCss(raw: string, where: string, found: Buffer[]): void {
  const css = raw.replace(/\/\*[\s\S]*?\*\//g, '');
  if (css.includes('\\')) throw hostile(`CSS escapes are not allowed in ${where}`);
  if (/@import/i.test(css)) throw hostile(`@import is not allowed in ${where}`);
  if (/expression\s*\(|-moz-binding|behavior\s*:/i.test(css))
    throw hostile(`Active CSS is not allowed in ${where}`);
  if (/(?:^|[^\w-])(?:-webkit-)?(?:image-set|image|src|cross-fade|element)\s*\(/i.test(css)) {
    throw hostile(`CSS image functions other than url() are not allowed in ${where}`);
  }
  checkCssUrls(css, where, found);
}

/** Every url(...) in a CSS value must be a fragment or an embedded image. */
function checkCssUrls(css: string, where: string, found: Buffer[]): void {
  const opener = /url\s*\(/gi;
  for (let match = opener.exec(css); match; match = opener.exec(css)) {
    const rest = css.slice(match.index + match[0].length);
    const quoted = /^\s*(["'])([\s\S]*?)\1\s*\)/.exec(rest);
    const bare = /^\s*([^"'()\s]*)\s*\)/.exec(rest);
    const target = quoted ? quoted[2] : bare?.[1];
    if (target === undefined) throw hostile(`An unreadable url() in ${where}`);
    checkReference(target, where, found);
  }
}
