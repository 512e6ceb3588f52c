import type { ScreenWithGroups } from './screens-service.js';
import { screenStatus } from './screens-service.js';

/** The API view of a screen (never its token hash). */
export function screenJson(row: ScreenWithGroups) {
  return {
    id: row.id,
    name: row.name,
    status: screenStatus(row),
    storeCode: row.storeCode,
    chain: row.chain,
    countyCode: row.countyCode,
    municipalityCode: row.municipalityCode,
    orientation: row.orientation,
    width: row.width,
    height: row.height,
    languages: row.languages,
    timeZone: row.timeZone,
    openingHours: row.openingHours ?? null,
    playWhenClosed: row.playWhenClosed,
    tags: row.tags,
    groupIds: row.groupIds,
    pairedAt: row.pairedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    offlineSince: row.offlineSince?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
