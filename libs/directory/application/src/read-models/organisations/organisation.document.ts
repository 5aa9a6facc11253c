import type { BusinessLine, OrganisationKind } from '@pls/directory-domain';
import type { ReadDocument } from '@pls/event-sourcing';
import type { RegionLevel } from '@pls/shared-kernel';

/** `directory.organisations`: one document per organisation stream, `_id` = orgId. */
export interface OrganisationDocument extends ReadDocument {
  readonly orgId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** 12 digits. */
  readonly regionCode: string;
  readonly level: RegionLevel;
  /** Province … region itself, 12 digits each, for readers filtering `{ regionPath: R }`. */
  readonly regionPath: readonly string[];
  readonly parentOrgId: string | null;
  readonly lines: readonly BusinessLine[];
  readonly jurisdiction: readonly string[];
  readonly address: string | null;
  readonly phone: string | null;
  readonly closed: boolean;
  readonly closedReason: string | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
  /** Region (top-down), then kind, then name: the order lists are paged in, and region subtrees are ranges of it. */
  readonly sortKey: string;
}
