import { streamName } from '@pls/event-sourcing';

export const MATTER_CONTEXT = 'intake';
export const MATTER_CATEGORY = 'matter';

/** `intake.matter-<matterId>`; throws `MALFORMED_STREAM_NAME` for an id a stream name cannot hold. */
export function matterStreamId(matterId: string): string {
  return streamName(MATTER_CONTEXT, MATTER_CATEGORY, matterId);
}
