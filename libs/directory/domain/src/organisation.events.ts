import type { DomainEvent } from '@pls/event-sourcing';
import type { BusinessLine, OrganisationKind } from './directory.types';

export interface OrganisationRegisteredData {
  readonly orgId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** 12 digits. */
  readonly regionCode: string;
  readonly parentOrgId?: string;
  /** Canonical order, no duplicates. */
  readonly lines: readonly BusinessLine[];
  /** 12-digit codes; non-empty for external organs, empty for everyone else. */
  readonly jurisdiction: readonly string[];
  readonly address?: string;
  /** Normalised: '13812345678', '0832-2345678' or '12348'. */
  readonly phone?: string;
}
export type OrganisationRegistered = DomainEvent<'OrganisationRegistered', OrganisationRegisteredData>;

/** Only what actually changed; `null` means the optional field was cleared. */
export interface OrganisationChanges {
  readonly name?: string;
  readonly phone?: string | null;
  readonly address?: string | null;
  readonly lines?: readonly BusinessLine[];
  readonly jurisdiction?: readonly string[];
}
export type OrganisationUpdated = DomainEvent<
  'OrganisationUpdated',
  { readonly orgId: string; readonly changes: OrganisationChanges; readonly updatedBy: string }
>;

export type OrganisationClosed = DomainEvent<'OrganisationClosed', { readonly orgId: string; readonly reason: string; readonly closedBy: string }>;

export type OrganisationEvent = OrganisationRegistered | OrganisationUpdated | OrganisationClosed;
