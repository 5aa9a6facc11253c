import type { CommandMetadata } from '@pls/event-sourcing';
import type { Caller } from '@pls/shared-kernel';

/** Who asks, as the gateway verified it: the part of the token's `Caller` access decisions read. */
export type Requester = Pick<Caller, 'userId' | 'orgId' | 'roles' | 'regionCode'>;

export interface UseCaseContext {
  readonly requester: Requester;
  /** Command id (for idempotent retries), time and actor; the use case adds the region. */
  readonly metadata: CommandMetadata;
}

/** The affected region goes into the events' metadata, so region-scoped consumers can route on it. */
export function inRegion(metadata: CommandMetadata, regionCode: string): CommandMetadata {
  return { ...metadata, regionCode };
}
