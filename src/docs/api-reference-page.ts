import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}

type OpenApiDocument = { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The browsable API reference at /docs. Rendered on the server from the same OpenAPI document as
 * /openapi.json, with no third-party script, so it works under a strict CSP and stays accessible.
 */
export function renderApiReference(doc: OpenApiDocument) {
  const byTag = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const sections = [...byTag.entries()].map(
    ([tag, ops]) => html`<section aria-labelledby="tag-${slug(tag)}">
      <h2 id="tag-${slug(tag)}">${tag}</h2>
      ${ops.map(
        ({ method, path, op }) => html`<article class="op">
          <h3><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h3>
          <p>${op.summary ?? ''}</p>
          ${op.description ? html`<p class="who">${op.description.replace(/\*\*/g, '')}</p>` : ''}
          ${
            op.parameters?.length
              ? html`<h4>Parametrar / Parameters</h4><ul>${op.parameters.map(
                  (p) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''})${p.description ? html` – ${p.description}` : ''}</li>`,
                )}</ul>`
              : ''
          }
          ${op.requestBody ? html`<p>Body: <code>${Object.keys(op.requestBody.content ?? {}).join(', ')}</code></p>` : ''}
          <h4>Svar / Responses</h4>
          <ul>${Object.entries(op.responses ?? {}).map(([status, r]) => html`<li><code>${status}</code> ${r.description ?? ''}</li>`)}</ul>
        </article>`,
      )}
    </section>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} – API reference</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><p><a href="/">Kampanjnavet / Campaign hub</a></p><h1>${doc.info.title} ${doc.info.version}: API reference</h1>
<p>The machine-readable description is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code>.</p></header>
<nav aria-label="Sections"><ul>${[...byTag.keys()].map((tag) => html`<li><a href="#tag-${slug(tag)}">${tag}</a></li>`)}</ul></nav>
<main>${sections}</main>
</body>
</html>`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff}
a{color:#0b4f8a}code{background:#f2f2f2;padding:0 .2em}.op{border-top:1px solid #ccc;padding:.5rem 0}
.method{display:inline-block;min-width:4.5em;font-family:monospace;background:#1b1b1b;color:#fff;padding:0 .3em}
.who{color:#3b3b3b}nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}`;
