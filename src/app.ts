import type { OpenAPIHono } from '@hono/zod-openapi';
import { authRoutes } from './accounts/auth-routes.js';
import { authenticate, requireCsrfForSessions } from './accounts/authenticate.js';
import { directoryRoutes } from './accounts/directory-routes.js';
import { assetRoutes } from './assets/asset-routes.js';
import { mediaRoutes } from './assets/media-routes.js';
import { campaignRoutes } from './campaigns/campaign-routes.js';
import type { AppDeps } from './deps.js';
import { renderApiReference } from './docs/api-reference-page.js';
import { AppError, handleError, problemResponse } from './errors.js';
import { eventRoutes } from './events/event-routes.js';
import { healthRoutes } from './health/health-routes.js';
import { eventsPage } from './web/events-page.js';
import { homePage } from './web/home-page.js';
import { coordinatorPages } from './web/coordinator/coordinator-pages.js';
import { campaignPage } from './web/campaign-page.js';
import { cataloguePage } from './web/catalogue-page.js';
import { myOrdersPage } from './web/my-orders-page.js';
import { orderFormPage } from './web/order-form-page.js';
import { productPage } from './web/product-page.js';
import { signInPage } from './web/sign-in-page.js';
import { staticRoutes } from './web/static-routes.js';
import { csrfRefusalPage, notFoundPage } from './web/refusal-page.js';
import { packRoutes } from './packs/pack-routes.js';
import type { AppEnv } from './http/app-env.js';
import { createRouter } from './http/router.js';
import { outboxRoutes } from './mail/outbox-routes.js';
import { orderRoutes } from './orders/order-routes.js';
import { organisationExportRoutes } from './orders/organisation-export-routes.js';
import { printBatchRoutes } from './orders/print-batch-routes.js';
import { productRoutes } from './orders/product-routes.js';
import { playRoutes } from './plays/play-routes.js';
import { playerRoutes } from './player/player-routes.js';
import { requestContext } from './http/request-context.js';
import { answerManifestPollFromMemory } from './manifests/manifest-fast-path.js';
import { manifestRoutes } from './manifests/manifest-routes.js';
import { recordRequestMetrics } from './ops/metrics.js';
import { surfaceDatabaseFault } from './ops/database-errors.js';
import { markStaleManifests } from './ops/manifest-staleness.js';
import { metricsEndpoint } from './ops/metrics-routes.js';
import { closeConnectionsWhileStopping } from './ops/shutdown.js';
import { securityHeaders } from './ops/security-headers.js';
import { groupRoutes } from './screens/group-routes.js';
import { pairingRoutes } from './screens/pairing-routes.js';
import { screenTokenResolver } from './screens/screen-auth.js';
import { screenRoutes } from './screens/screen-routes.js';
import { slideRoutes } from './slides/slide-routes.js';

/** The feature routers, in one list so tools (OpenAPI, the access matrix tests) see every route. */
function featureRouters(): OpenAPIHono<AppEnv>[] {
  return [healthRoutes(), authRoutes(), directoryRoutes(), campaignRoutes(), assetRoutes(), mediaRoutes(), playRoutes(), packRoutes(),
    productRoutes(),
    orderRoutes(),
    printBatchRoutes(),
    organisationExportRoutes(),
    outboxRoutes(),
    pairingRoutes(),
    screenRoutes(),
    groupRoutes(),
    slideRoutes(),
    manifestRoutes(),
    playerRoutes(),
    eventRoutes(),
  ];
}

/** The server-rendered pages (hono/jsx), one router per feature. */
function webRouters() {
  return [
    staticRoutes(),
    homePage(),
    signInPage(),
    cataloguePage(),
    campaignPage(),
    orderFormPage(),
    productPage(),
    myOrdersPage(),
    coordinatorPages(),
    eventsPage(),
  ];
}

/** Builds the whole HTTP application from its dependencies; tests call it without a socket. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use('*', requestContext(deps));
  app.use('*', recordRequestMetrics());
  app.use('*', markStaleManifests());
  app.use('*', closeConnectionsWhileStopping());
  app.use('*', securityHeaders());
  // Before authentication: the scraper's bearer token is METRICS_TOKEN, not an API token.
  app.get('/metrics', metricsEndpoint);
  app.use('*', authenticate([screenTokenResolver]));
  // Signing in starts a fresh session, so it needs no token from an old one; the sign-in page
  // checks the form came from our own origin instead.
  app.use('*', requireCsrfForSessions(['/api/v1/auth/sign-in', '/logga-in'], { refusalPage: csrfRefusalPage }));

  for (const router of featureRouters()) app.route('/', router);
  // Server-rendered pages: not part of the API document.
  for (const pages of webRouters()) app.route('/', pages);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'hub_session',
    description: 'Session cookie from sign-in; writes also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', { type: 'http', scheme: 'bearer', description: 'API token (cht_…)' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'screenToken', { type: 'http', scheme: 'bearer', description: 'Screen token issued at pairing' });

  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Kampanjnavet – Campaign hub API',
      version: '1',
      description: 'Campaigns against violence in close relationships: artwork, windows, screens, orders and packs.',
    },
  };
  app.doc31('/openapi.json', documentConfig);
  app.get('/docs', (c) => c.html(renderApiReference(app.getOpenAPI31Document(documentConfig) as never)));

  app.notFound(
    (c) =>
      notFoundPage(c) ?? problemResponse(c, new AppError(404, 'not_found', 'Not found', `No route for ${c.req.method} ${c.req.path}.`)),
  );
  // Lost connections wrapped by the query layer are still answered 503, not 500.
  app.onError((error, c) => handleError(surfaceDatabaseFault(error), c));

  // Screens' manifest polls are most of the traffic: those memory can answer are answered ahead
  // of the router and the middleware, with the same headers, metrics and log line.
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => answerManifestPollFromMemory(deps, request) ?? dispatch(request, env, executionCtx);
  return app;
}
