import { streamName } from '@pls/event-sourcing';

export const MEDIATION_CONTEXT = 'mediation';
export const MEDIATION_CATEGORY = 'case';

/** `mediation.case-<caseId>`; throws `MALFORMED_STREAM_NAME` for an id a stream name cannot hold. */
export function mediationStreamId(caseId: string): string {
  return streamName(MEDIATION_CONTEXT, MEDIATION_CATEGORY, caseId);
}
