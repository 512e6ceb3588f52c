import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/**
 * The Content-Security-Policy of every response: only this origin's own scripts, styles, images,
 * media and connections; no inline script or style, no plugins, no framing, no foreign form
 * targets. The player and the pages need nothing more, so an injected script or style has
 * nowhere to come from.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

// Paths whose page carries its own inline <style> (the API reference); scripts stay strict there too.
const INLINE_STYLE_PATHS = new Set(['/docs']);

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** A policy as its header value: `default-src 'self'; img-src 'self' data:; …`. */
function policyText(policy: Record<string, readonly string[]>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [kebab(directive), ...sources].join(' '))
    .join('; ');
}

/** The hardening headers beside the CSP (the usual Helmet set, with a same-site resource policy). */
const HARDENING_HEADERS = {
  'cross-origin-resource-policy': 'same-site',
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * The security headers of every response except the API reference page, as one frozen record
 * (lower-case names), so a path that answers without the middleware (the manifest fast path)
 * sends exactly the same.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...HARDENING_HEADERS,
  'content-security-policy': policyText(CONTENT_SECURITY_POLICY),
});

const INLINE_STYLE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...HARDENING_HEADERS,
  'content-security-policy': policyText({ ...CONTENT_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] }),
});

/** Security headers (CSP, HSTS, nosniff, frame and referrer policy) on every response, replacing any a handler set. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(INLINE_STYLE_PATHS.has(c.req.path) ? INLINE_STYLE_HEADERS : SECURITY_HEADERS)) headers.set(name, value);
    headers.delete('x-powered-by');
  };
}
