import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { addAssetPages } from './asset-pages.js';
import { addCampaignPages } from './campaign-pages.js';
import { addDashboardPage } from './dashboard-page.js';
import { addEventListPages } from './event-list-pages.js';
import { addEventPages } from './event-pages.js';
import { sendRefusalPage } from './coordinator-layout.js';
import { requireCoordinatorPage } from './guard.js';
import { addOrderPages } from './order-pages.js';
import { addPreviewPage } from './preview-page.js';
import { addReachPage } from './reach-page.js';
import { addScreenPages } from './screen-pages.js';
import { addSlidePages } from './slide-pages.js';
import { addTimelinePage } from './timeline-page.js';

/** The coordinators' pages under /samordnare, for coordinators and admins within their scope. */
export function coordinatorPages() {
  const router = new Hono<AppEnv>();
  router.use('/samordnare', requireCoordinatorPage());
  router.use('/samordnare/*', requireCoordinatorPage());
  addDashboardPage(router);
  addCampaignPages(router);
  addAssetPages(router);
  addSlidePages(router);
  addTimelinePage(router);
  addPreviewPage(router);
  addScreenPages(router);
  addOrderPages(router);
  addReachPage(router);
  addEventListPages(router);
  addEventPages(router);
  // Any other address under /samordnare is a page that does not exist, said as a page.
  router.all('/samordnare/*', (c) => sendRefusalPage(c, 404));
  return router;
}
