/** Requests to the hub: JSON in and out, a bearer token, a time limit, never the HTTP cache. */

/** Sends a request and answers the Response; throws when the network or the time limit fails it. */
export async function callHub(path, { method = 'GET', token, json, etag, timeoutMs = 20000 } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (etag) headers['if-none-match'] = etag;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await fetch(path, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      cache: 'no-store',
      credentials: 'omit',
      signal: abort.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** The JSON body of a response, or null when it has none or it is not JSON. */
export async function bodyOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}
