import { type Decider, unreachable } from '@pls/event-sourcing';
import { DomainRuleViolation, NotFound, padRegionCode, parsePhoneNumber, regionLevel } from '@pls/shared-kernel';
import {
  type BusinessLine,
  canonicalLines,
  ORGANISATION_KINDS,
  type OrganisationKind,
  optionalText,
  requireKnown,
  requireText,
  sameSet,
} from './directory.types';
import type { OrganisationCommand, OrganisationFacts, RegisterOrganisation, UpdateOrganisation } from './organisation.commands';
import type { OrganisationChanges, OrganisationEvent, OrganisationRegisteredData } from './organisation.events';
import {
  agencyServesItsOwnLine,
  ALLOWED_LINES_BY_KIND,
  externalOrganDeclaresJurisdiction,
  jurisdictionLiesWithinOwnProvince,
  normaliseJurisdiction,
  onlyExternalOrgansDeclareJurisdiction,
  organisationLiesWithinParentRegion,
  organisationServesOnlyLinesOfItsKind,
  organisationSitsAtItsKindsLevel,
  OWN_LINE_BY_KIND,
  parentIsOpen,
  REGION_LEVELS_BY_KIND,
} from './organisation.rules';

/** An organisation as the directory holds it; codes are 12 digits, sets in canonical order. */
export interface Organisation {
  readonly orgId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly regionCode: string;
  readonly parentOrgId?: string;
  readonly lines: readonly BusinessLine[];
  readonly jurisdiction: readonly string[];
  readonly address?: string;
  readonly phone?: string;
}

export type OrganisationState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'active'; readonly organisation: Organisation }
  | { readonly status: 'closed'; readonly organisation: Organisation; readonly reason: string };

/** The facts other commands need about this organisation, or null before it is registered. */
export function organisationFactsOf(state: OrganisationState): OrganisationFacts | null {
  if (state.status === 'unregistered') return null;
  const { orgId, kind, lines, regionCode } = state.organisation;
  return { orgId, kind, lines, regionCode, closed: state.status === 'closed' };
}

function normalisePhone(phone: string): string {
  return parsePhoneNumber(phone).value;
}

/** Jurisdiction is a set: padded, without repeats, in code order. */
function canonicalJurisdiction(codes: readonly string[] | undefined): string[] {
  return normaliseJurisdiction(codes).sort();
}

/** The rules an organisation's own attributes must satisfy, at registration and after every update. */
function assertOrganisationRules(kind: OrganisationKind, regionCode: string, lines: readonly BusinessLine[], jurisdiction: readonly string[]): void {
  if (!organisationSitsAtItsKindsLevel(kind, regionCode)) {
    throw new DomainRuleViolation(
      'ORGANISATION_LEVEL_NOT_ALLOWED',
      `a ${kind} sits at ${REGION_LEVELS_BY_KIND[kind].join(' or ')} level, not at ${regionLevel(regionCode)} level (${regionCode})`,
      { kind, regionCode, level: regionLevel(regionCode), allowed: REGION_LEVELS_BY_KIND[kind] },
    );
  }
  if (!organisationServesOnlyLinesOfItsKind(kind, lines)) {
    const foreign = lines.filter((line) => !ALLOWED_LINES_BY_KIND[kind].includes(line));
    throw new DomainRuleViolation('ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND', `a ${kind} does not serve ${foreign.join(', ')}`, {
      kind,
      lines: foreign,
      allowed: ALLOWED_LINES_BY_KIND[kind],
    });
  }
  if (!agencyServesItsOwnLine(kind, lines)) {
    throw new DomainRuleViolation('AGENCY_MUST_SERVE_ITS_OWN_LINE', `a ${kind} serves ${OWN_LINE_BY_KIND[kind]}`, { kind, line: OWN_LINE_BY_KIND[kind] });
  }
  if (!externalOrganDeclaresJurisdiction(kind, jurisdiction)) {
    throw new DomainRuleViolation('EXTERNAL_ORGAN_JURISDICTION_REQUIRED', `a ${kind} must declare the regions it covers`, { kind });
  }
  if (!onlyExternalOrgansDeclareJurisdiction(kind, jurisdiction)) {
    throw new DomainRuleViolation(
      'JURISDICTION_ONLY_FOR_EXTERNAL_ORGANS',
      `a ${kind} serves its own region subtree and declares no jurisdiction`,
      { kind },
    );
  }
  if (!jurisdictionLiesWithinOwnProvince(regionCode, jurisdiction)) {
    throw new DomainRuleViolation('JURISDICTION_OUTSIDE_PROVINCE', `the jurisdiction must lie within the province of ${regionCode}`, {
      regionCode,
      jurisdiction,
    });
  }
}

function assertParentRules(orgId: string, regionCode: string, parent: OrganisationFacts): void {
  if (parent.orgId === orgId) {
    throw new DomainRuleViolation('PARENT_ORGANISATION_IS_SELF', 'an organisation cannot be its own parent', { orgId });
  }
  if (!parentIsOpen(parent)) {
    throw new DomainRuleViolation('PARENT_ORGANISATION_CLOSED', `parent organisation ${parent.orgId} is closed`, { parentOrgId: parent.orgId });
  }
  if (!organisationLiesWithinParentRegion(regionCode, parent)) {
    throw new DomainRuleViolation(
      'ORGANISATION_OUTSIDE_PARENT_REGION',
      `region ${regionCode} is not within the parent's region ${parent.regionCode}`,
      { regionCode, parentOrgId: parent.orgId, parentRegionCode: parent.regionCode },
    );
  }
}

function register(command: RegisterOrganisation, state: OrganisationState): OrganisationEvent[] {
  const { data } = command;
  if (state.status !== 'unregistered') {
    throw new DomainRuleViolation('ORGANISATION_ALREADY_REGISTERED', `organisation ${state.organisation.orgId} is already registered`, {
      orgId: state.organisation.orgId,
    });
  }
  const orgId = requireText(data.orgId, 'ORGANISATION_ID_REQUIRED', 'an organisation id');
  const name = requireText(data.name, 'ORGANISATION_NAME_REQUIRED', 'an organisation name');
  const kind = requireKnown(data.kind, ORGANISATION_KINDS, 'ORGANISATION_KIND_UNKNOWN', 'organisation kind');
  const regionCode = padRegionCode(data.regionCode);
  const lines = canonicalLines(data.lines);
  const jurisdiction = canonicalJurisdiction(data.jurisdiction);
  assertOrganisationRules(kind, regionCode, lines, jurisdiction);
  if (data.parent) assertParentRules(orgId, regionCode, { ...data.parent, regionCode: padRegionCode(data.parent.regionCode) });
  const address = optionalText(data.address);
  const phone = optionalText(data.phone);
  const registered: OrganisationRegisteredData = {
    orgId,
    name,
    kind,
    regionCode,
    ...(data.parent ? { parentOrgId: data.parent.orgId } : {}),
    lines,
    jurisdiction,
    ...(address === undefined ? {} : { address }),
    ...(phone === undefined ? {} : { phone: normalisePhone(phone) }),
  };
  return [{ type: 'OrganisationRegistered', data: registered }];
}

/** `undefined`: not asked to change; `null`: clear; a string: set. Blank text counts as clearing. */
function requestedOptional(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return optionalText(value) ?? null;
}

function update(command: UpdateOrganisation, organisation: Organisation): OrganisationEvent[] {
  const { data } = command;
  const changes: { -readonly [K in keyof OrganisationChanges]: OrganisationChanges[K] } = {};
  if (data.name !== undefined) {
    const name = requireText(data.name, 'ORGANISATION_NAME_REQUIRED', 'an organisation name');
    if (name !== organisation.name) changes.name = name;
  }
  const phone = requestedOptional(data.phone);
  if (phone !== undefined) {
    const normalised = phone === null ? null : normalisePhone(phone);
    if (normalised !== (organisation.phone ?? null)) changes.phone = normalised;
  }
  const address = requestedOptional(data.address);
  if (address !== undefined && address !== (organisation.address ?? null)) changes.address = address;
  if (data.lines !== undefined) {
    const lines = canonicalLines(data.lines);
    if (!sameSet(lines, organisation.lines)) changes.lines = lines;
  }
  if (data.jurisdiction !== undefined) {
    const jurisdiction = canonicalJurisdiction(data.jurisdiction);
    if (!sameSet(jurisdiction, organisation.jurisdiction)) changes.jurisdiction = jurisdiction;
  }
  if (Object.keys(changes).length === 0) return [];
  assertOrganisationRules(organisation.kind, organisation.regionCode, changes.lines ?? organisation.lines, changes.jurisdiction ?? organisation.jurisdiction);
  return [{ type: 'OrganisationUpdated', data: { orgId: organisation.orgId, changes, updatedBy: command.metadata.actor.userId } }];
}

/** The organisation a command may change: registered, the one the command names, and not closed. */
function openOrganisation(orgId: string, state: OrganisationState): Organisation {
  if (state.status === 'unregistered') throw new NotFound('ORGANISATION_NOT_FOUND', `no organisation ${orgId}`, { orgId });
  if (state.organisation.orgId !== orgId) {
    throw new DomainRuleViolation('ORGANISATION_ID_MISMATCH', `the command names ${orgId} but the stream holds ${state.organisation.orgId}`, {
      orgId,
      streamOrgId: state.organisation.orgId,
    });
  }
  if (state.status === 'closed') {
    throw new DomainRuleViolation('ORGANISATION_CLOSED', `organisation ${orgId} is closed and refuses changes`, { orgId });
  }
  return state.organisation;
}

function applyChanges(organisation: Organisation, changes: OrganisationChanges): Organisation {
  const { phone, address, ...rest } = changes;
  const next: { -readonly [K in keyof Organisation]: Organisation[K] } = { ...organisation, ...rest };
  if (phone === null) delete next.phone;
  else if (phone !== undefined) next.phone = phone;
  if (address === null) delete next.address;
  else if (address !== undefined) next.address = address;
  return next;
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { status: 'unregistered' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation':
        return register(command, state);
      case 'UpdateOrganisation':
        return update(command, openOrganisation(command.data.orgId, state));
      case 'CloseOrganisation': {
        const organisation = openOrganisation(command.data.orgId, state);
        const reason = requireText(command.data.reason, 'CLOSURE_REASON_REQUIRED', 'a closure reason');
        return [{ type: 'OrganisationClosed', data: { orgId: organisation.orgId, reason, closedBy: command.metadata.actor.userId } }];
      }
      default:
        return unreachable(command, 'command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { status: 'active', organisation: { ...event.data } };
      case 'OrganisationUpdated':
        return state.status === 'active' ? { status: 'active', organisation: applyChanges(state.organisation, event.data.changes) } : state;
      case 'OrganisationClosed':
        return state.status === 'unregistered' ? state : { status: 'closed', organisation: state.organisation, reason: event.data.reason };
      default:
        return unreachable(event, 'event');
    }
  },
};
