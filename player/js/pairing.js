/**
 * Pairing: a screen without a token shows a code in large letters, a coordinator claims it in
 * the hub, and the player collects its screen token by polling with the secret only it knows.
 */
import { bodyOf, callHub } from './api.js';
import { backoffDelay, createTimer } from './timing.js';

/** The coordinators' page for claiming a code (src/web/coordinator/screen-pages.tsx). */
const CLAIM_PAGE = '/samordnare/skarmar/koppla';
const RETRY_BASE_MS = 3000;
const RETRY_CAP_MS = 60000;

/** "K7M3QX" as "K7M 3QX", easier to read from across a shop. */
export function spacedCode(code) {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** Shows the pairing view until the screen is claimed; then calls `onPaired(screenToken)`. */
export function startPairing(onPaired) {
  const view = document.getElementById('pairing');
  const codeText = document.getElementById('pairing-code');
  const status = document.getElementById('pairing-status');
  for (const address of view.querySelectorAll('.hub-address')) address.textContent = location.host + CLAIM_PAGE;
  view.hidden = false;
  const timer = createTimer();
  let pollSecret = null;
  let pollMs = 3000;
  let failures = 0;

  const say = (sv, en) => {
    status.textContent = '';
    if (!sv) return;
    const english = document.createElement('span');
    english.lang = 'en';
    english.textContent = en;
    status.append(`${sv} / `, english);
  };

  // Network down or server trouble: keep the code on screen and try again later.
  const retry = (run, response) => {
    failures += 1;
    const asked = response ? Number(response.headers.get('retry-after')) * 1000 : 0;
    timer.set(run, Math.max(asked || 0, backoffDelay(failures, RETRY_BASE_MS, RETRY_CAP_MS, Math.random())));
    if (!response) say('Ingen kontakt med servern, försöker igen', 'No connection to the server, retrying');
  };

  async function requestCode() {
    let response;
    try {
      response = await callHub('/api/v1/pairing', { method: 'POST' });
    } catch {
      return retry(requestCode);
    }
    const issued = response.status === 201 ? await bodyOf(response) : null;
    if (!issued || typeof issued.code !== 'string' || typeof issued.pollSecret !== 'string')
      return retry(requestCode, response);
    failures = 0;
    pollSecret = issued.pollSecret;
    codeText.textContent = spacedCode(issued.code);
    say('', '');
    pollMs = (issued.pollAfterSeconds || 3) * 1000;
    timer.set(poll, pollMs);
  }

  async function poll() {
    let response;
    try {
      response = await callHub('/api/v1/pairing/poll', { method: 'POST', json: { pollSecret } });
    } catch {
      return retry(poll);
    }
    // Expired, handed over already, or unknown: start again with a new code.
    if (response.status === 410 || response.status === 404) return requestCode();
    const answer = response.ok ? await bodyOf(response) : null;
    if (!answer) return retry(poll, response);
    failures = 0;
    say('', '');
    if (answer.status === 'paired' && typeof answer.screenToken === 'string') {
      timer.clear();
      view.hidden = true;
      onPaired(answer.screenToken);
      return;
    }
    timer.set(poll, pollMs);
  }

  requestCode();
}
