import type { TokenResolver } from '../accounts/authenticate.js';
import { screenIdForToken } from '../manifests/screen-directory.js';

/** Screen tokens start with this, so authentication knows where to look them up. */
export const SCREEN_TOKEN_PREFIX = 'scr_';

/**
 * Resolves a screen's bearer token to a screen actor (revoked screens are refused). Answered from
 * the in-memory screen directory (see screen-directory.ts), so a screen's conditional manifest
 * poll needs no query.
 */
export const screenTokenResolver: TokenResolver = async (token, c) => {
  if (!token.startsWith(SCREEN_TOKEN_PREFIX)) return null;
  const screenId = await screenIdForToken(c.get('deps'), token);
  return screenId ? { kind: 'screen', screenId } : null;
};
