import { createRouter } from '../http/router.js';
import { addReportRoutes } from './report-routes.js';
import { addScreenReportRoutes } from './screen-report-routes.js';

/** Proof of play and fleet health: what players report and what coordinators read. */
export function playRoutes() {
  const router = createRouter();
  addScreenReportRoutes(router);
  addReportRoutes(router);
  return router;
}
