import { streamName } from '@pls/event-sourcing';

export const APPLICATION_CONTEXT = 'legal-aid';
export const APPLICATION_CATEGORY = 'application';

/** `legal-aid.application-<applicationId>`; throws `MALFORMED_STREAM_NAME` for an id a stream name cannot hold. */
export function applicationStreamId(applicationId: string): string {
  return streamName(APPLICATION_CONTEXT, APPLICATION_CATEGORY, applicationId);
}
