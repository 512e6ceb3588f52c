import { pairScreen } from '../screens/screen-fixtures.js';
import type { TestContext } from '../support/test-app.js';

/** A screen in Västerås paired through the API by a county coordinator of Västmanland. */
export async function pairedScreen(
  t: TestContext,
): Promise<{ screenId: string; token: string; coordinatorToken: string }> {
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  const coordinator = await t.user({
    role: 'coordinator',
    scope: 'county',
    scopeCountyCode: '19',
    organisationId: board.id,
  });
  const screen = await pairScreen(t, coordinator.token);
  return { ...screen, coordinatorToken: coordinator.token };
}
