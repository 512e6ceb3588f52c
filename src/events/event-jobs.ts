import type { JobDefinition } from '../jobs/start-jobs.js';
import { refreshAllEventSlides } from './event-slides.js';

/** The events feature's scheduled work. */
export function eventJobDefinitions(): JobDefinition[] {
  return [
    // Hourly, so an event that is over (or whose registration closed) leaves the screens within the
    // hour; an unchanged programme costs a query and a hash, nothing is rendered.
    {
      name: 'events.refresh-slides',
      schedule: '2 * * * *',
      slot: 'hour',
      run: (deps, now) => refreshAllEventSlides(deps, now),
    },
  ];
}
