import { streamName } from '@pls/event-sourcing';
import { padRegionCode } from '@pls/shared-kernel';

export const DIRECTORY_CONTEXT = 'directory';

/** `directory.organisation-<orgId>`. */
export function organisationStreamId(orgId: string): string {
  return streamName(DIRECTORY_CONTEXT, 'organisation', orgId);
}

/** `directory.staff-<userId>`. */
export function staffMemberStreamId(userId: string): string {
  return streamName(DIRECTORY_CONTEXT, 'staff', userId);
}

/** `directory.region-<12-digit code>`: any accepted length is padded, so a region has one stream. */
export function regionStreamId(regionCode: string): string {
  return streamName(DIRECTORY_CONTEXT, 'region', padRegionCode(regionCode));
}
