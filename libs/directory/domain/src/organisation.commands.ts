import type { Command } from '@pls/event-sourcing';
import type { BusinessLine, OrganisationKind } from './directory.types';

/**
 * What the application knows about an organisation, looked up from the directory's read model
 * and passed into commands that depend on another organisation (a parent, a staff member's
 * employer). Deciders stay pure: they never look anything up themselves.
 */
export interface OrganisationFacts {
  readonly orgId: string;
  readonly kind: OrganisationKind;
  readonly lines: readonly BusinessLine[];
  /** 12 digits (any accepted length is padded). */
  readonly regionCode: string;
  readonly closed: boolean;
}

/** Stream `directory.organisation-<orgId>`. */
export type RegisterOrganisation = Command<
  'RegisterOrganisation',
  {
    readonly orgId: string;
    readonly name: string;
    readonly kind: OrganisationKind;
    /** Any length `padRegionCode` accepts; stored as 12 digits. */
    readonly regionCode: string;
    /** The parent organisation resolved from its id (a station's centre, a judicial office's bureau…). */
    readonly parent?: OrganisationFacts | null;
    readonly lines: readonly BusinessLine[];
    /** External organs only: the regions they cover (管辖). Others leave it empty. */
    readonly jurisdiction?: readonly string[];
    readonly address?: string | null;
    /** Mobile, landline (0 + area code + number) or 12348. */
    readonly phone?: string | null;
  }
>;

/** Absent fields stay as they are; `null` clears an optional one. */
export type UpdateOrganisation = Command<
  'UpdateOrganisation',
  {
    readonly orgId: string;
    readonly name?: string;
    readonly phone?: string | null;
    readonly address?: string | null;
    readonly lines?: readonly BusinessLine[];
    readonly jurisdiction?: readonly string[];
  }
>;

export type CloseOrganisation = Command<'CloseOrganisation', { readonly orgId: string; readonly reason: string }>;

export type OrganisationCommand = RegisterOrganisation | UpdateOrganisation | CloseOrganisation;
