import { describe, expect, it } from 'vitest';
import { SAFE_SVG } from '../../test/fixtures/media/make-media.js';
import { checkSvgSafety } from './svg-safety.js';

const svg = (inner: string, rootAttributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"${rootAttributes}>${inner}</svg>`;

const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

describe('checkSvgSafety', () => {
  it('accepts plain artwork with gradients, styles, text and internal references', () => {
    expect(checkSvgSafety(SAFE_SVG)).toEqual({ ok: true, embeddedImages: [] });
  });

  it('accepts an embedded PNG data URI and Inkscape metadata namespaces', () => {
    const document = svg(
      `<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#fff"/>
       <image width="1" height="1" href="data:image/png;base64,${TINY_PNG_BASE64}"/>
       <rect style="fill:url('#g');stroke:red" width="2" height="2"/>`,
    );
    expect(checkSvgSafety(document)).toEqual({
      ok: true,
      embeddedImages: [Buffer.from(TINY_PNG_BASE64, 'base64')],
    });
  });

  const hostile: Array<[string, string]> = [
    ['a script element', svg('<script>alert(1)</script>')],
    [
      'a namespaced script element',
      svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
    ],
    ['an onload attribute', svg('', ' onload="alert(1)"')],
    ['an upper-case event handler', svg('<rect ONCLICK="alert(1)"/>')],
    [
      'foreignObject',
      svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
    ],
    [
      'an XHTML element',
      svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example"/>'),
    ],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><text>x</text></a>')],
    [
      'a javascript: link split by an encoded tab',
      svg('<a href="java&#x09;script:alert(1)"><text>x</text></a>'),
    ],
    ['an external href', svg('<image href="https://evil.example/pixel.png"/>')],
    ['an external xlink:href over http', svg('<image xlink:href="http://evil.example/pixel.png"/>')],
    ['a file:// reference', svg('<image xlink:href="file:///etc/passwd"/>')],
    ['a relative path reference', svg('<use href="other.svg#x"/>')],
    ['an embedded SVG data URI', svg('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>')],
    ['a data URI that lies about its type', svg(`<image href="data:image/jpeg;base64,${TINY_PNG_BASE64}"/>`)],
    ['an external url() in a style attribute', svg('<rect style="fill:url(https://evil.example/x)"/>')],
    [
      'an external url() in a presentation attribute',
      svg('<rect fill="url(&quot;//evil.example/x&quot;)"/>'),
    ],
    ['an external url() in a style element', svg('<style>rect { fill: url(http://evil.example/x) }</style>')],
    ['@import in a style element', svg('<style>@import "https://evil.example/a.css";</style>')],
    ['@import hidden in CDATA', svg('<style><![CDATA[@import url(#x);]]></style>')],
    ['a CSS escape that spells url', svg('<style>rect { fill: \\75 rl(http://evil.example) }</style>')],
    ['image-set() in CSS', svg('<style>rect { fill: image-set("https://evil.example/a.png" 1x) }</style>')],
    [
      'a DOCTYPE with an external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`,
    ],
    [
      'billion laughs',
      `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${svg('<text>&c;</text>')}`,
    ],
    [
      'an external DTD',
      `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${svg('')}`,
    ],
    ['an xml-stylesheet instruction', `<?xml-stylesheet href="https://evil.example/a.css"?>${svg('')}`],
    [
      'XInclude',
      svg('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>'),
    ],
    [
      'an animation that rewrites a link',
      svg('<a href="#x"><set attributeName="href" to="https://evil.example"/></a>'),
    ],
    ['an animation that adds an event handler', svg('<animate attributeName="onbegin" values="alert(1)"/>')],
    ['xml:base', svg('<g xml:base="https://evil.example/"><use href="#x"/></g>')],
  ];

  for (const [name, document] of hostile) {
    it(`refuses ${name}`, () => {
      expect(checkSvgSafety(document)).toMatchObject({ ok: false, code: 'hostile_svg' });
    });
  }

  it('refuses a document whose root is not an SVG svg element', () => {
    expect(checkSvgSafety('<html><body/></html>')).toMatchObject({ ok: false, code: 'not_svg' });
    expect(checkSvgSafety('<svg width="1"/>')).toMatchObject({ ok: false, code: 'not_svg' });
  });

  it('refuses XML that is not well-formed', () => {
    expect(checkSvgSafety('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toMatchObject({
      ok: false,
      code: 'malformed',
    });
  });

  it('refuses an undeclared entity rather than guessing', () => {
    expect(checkSvgSafety(svg('<text>&nbsp;</text>'))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses absurd nesting', () => {
    const deep = `${'<g>'.repeat(300)}${'</g>'.repeat(300)}`;
    expect(checkSvgSafety(svg(deep))).toMatchObject({ ok: false, code: 'hostile_svg' });
  });
});
