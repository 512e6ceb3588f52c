import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
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

const strict = secureHeaders({
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  crossOriginResourcePolicy: 'same-site',
  referrerPolicy: 'strict-origin-when-cross-origin',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
});
const inlineStyles = secureHeaders({
  contentSecurityPolicy: { ...CONTENT_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] },
  crossOriginResourcePolicy: 'same-site',
  referrerPolicy: 'strict-origin-when-cross-origin',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
});

/** Security headers (CSP, HSTS, nosniff, frame and referrer policy) on every response. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return (c, next) => (INLINE_STYLE_PATHS.has(c.req.path) ? inlineStyles(c, next) : strict(c, next));
}
