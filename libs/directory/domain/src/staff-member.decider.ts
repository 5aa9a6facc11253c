import { type Decider, unreachable } from '@pls/event-sourcing';
import { DomainRuleViolation, InvalidInput, NotFound, padRegionCode, parseMobileNumber } from '@pls/shared-kernel';
import {
  APPRAISAL_CATEGORIES,
  APPRAISER_SENIORITIES,
  type AppraisalCategory,
  type AppraiserSeniority,
  type BusinessLine,
  canonicalLines,
  canonicalRoles,
  canonicalSet,
  DISPUTE_CATEGORIES,
  type DisputeCategory,
  isIntegratorRole,
  LAWYER_SPECIALTIES,
  type LawyerSpecialty,
  optionalText,
  ORGANISATION_KINDS,
  type OrganisationKind,
  PROFILE_KINDS,
  type ProfileKind,
  requireKnown,
  requireText,
  sameSet,
  type StaffRole,
} from './directory.types';
import type { OrganisationFacts } from './organisation.commands';
import type {
  ChangeLines,
  ChangeRoles,
  EndProfessionalProfile,
  MoveToOrganisation,
  RecordAppraiserProfile,
  RecordCorrectionOfficerProfile,
  RecordLawyerProfile,
  RecordMediatorProfile,
  RecordNotaryProfile,
  RegisterStaffMember,
  StaffMemberCommand,
} from './staff-member.commands';
import type { ProfileRecordedEvent, StaffMemberEvent } from './staff-member.events';
import {
  criminalDefenceSpecialtyHasExperience,
  criminalDefenceYearsWithinPracticeYears,
  handlerWorksInALine,
  isLawyerLicenceNumber,
  MAX_CONCURRENT_CASES,
  MAX_PRACTICE_YEARS,
  misplacedRole,
  organisationIsOpen,
  orphanedProfiles,
  PROFILE_POLICIES,
  profileFitsWorkplace,
  profileHolderIsHandler,
  profileLineIsHeld,
  ROLE_WORKPLACES,
  staffLinesAreServedByOrganisation,
} from './staff-member.rules';

export interface LawyerProfile {
  readonly kind: 'lawyer';
  readonly licenceNo: string;
  readonly practiceYears: number;
  readonly criminalDefenceYears: number;
  readonly specialties: readonly LawyerSpecialty[];
  readonly maxConcurrentCases: number;
}

export interface MediatorProfile {
  readonly kind: 'mediator';
  readonly fullTime: boolean;
  readonly specialties: readonly DisputeCategory[];
}

export interface NotaryProfile {
  readonly kind: 'notary';
  readonly licenceNo: string;
}

export interface AppraiserProfile {
  readonly kind: 'appraiser';
  readonly categories: readonly AppraisalCategory[];
  readonly seniority: AppraiserSeniority;
}

export interface CorrectionOfficerProfile {
  readonly kind: 'correction-officer';
  readonly familiarWithMinors: boolean;
  readonly officerNo?: string;
}

export type ProfessionalProfile = LawyerProfile | MediatorProfile | NotaryProfile | AppraiserProfile | CorrectionOfficerProfile;

export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly orgKind: OrganisationKind;
  /** 12 digits. */
  readonly orgRegionCode: string;
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
  readonly phone: string;
  readonly employeeNo?: string;
  /** At most one per kind, in PROFILE_KINDS order. */
  readonly profiles: readonly ProfessionalProfile[];
}

export type StaffMemberState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'active'; readonly member: StaffMember }
  | { readonly status: 'deactivated'; readonly member: StaffMember; readonly reason: string };

export function profileOf<K extends ProfileKind>(member: StaffMember, kind: K): Extract<ProfessionalProfile, { kind: K }> | undefined {
  return member.profiles.find((profile): profile is Extract<ProfessionalProfile, { kind: K }> => profile.kind === kind);
}

/** Validates and normalises organisation facts handed in by the application. */
function organisationFacts(facts: OrganisationFacts): OrganisationFacts {
  if (facts === null || typeof facts !== 'object') throw new InvalidInput('ORGANISATION_FACTS_REQUIRED', 'the command must carry the organisation facts');
  return {
    orgId: requireText(facts.orgId, 'ORGANISATION_FACTS_REQUIRED', 'the organisation id'),
    kind: requireKnown(facts.kind, ORGANISATION_KINDS, 'ORGANISATION_KIND_UNKNOWN', 'organisation kind'),
    lines: canonicalLines(facts.lines),
    regionCode: padRegionCode(facts.regionCode),
    closed: facts.closed === true,
  };
}

function assertOpen(organisation: OrganisationFacts): void {
  if (!organisationIsOpen(organisation)) {
    throw new DomainRuleViolation('STAFF_ORGANISATION_CLOSED', `organisation ${organisation.orgId} is closed`, { orgId: organisation.orgId });
  }
}

function assertRoles(roles: readonly StaffRole[], kind: OrganisationKind): void {
  if (roles.length === 0) throw new DomainRuleViolation('STAFF_ROLES_REQUIRED', 'a staff member holds at least one role');
  const misplaced = misplacedRole(roles, kind);
  if (misplaced === undefined) return;
  if (isIntegratorRole(misplaced)) {
    throw new DomainRuleViolation('INTEGRATOR_ROLE_ORGAN_MISMATCH', `the ${misplaced} role belongs to members of a ${ROLE_WORKPLACES[misplaced].join(' or ')}, not a ${kind}`, {
      role: misplaced,
      orgKind: kind,
    });
  }
  throw new DomainRuleViolation('ROLE_NOT_ALLOWED_AT_ORGANISATION', `a ${kind} has no ${misplaced} role; it is held at ${ROLE_WORKPLACES[misplaced].join(', ')}`, {
    role: misplaced,
    orgKind: kind,
  });
}

function assertLines(lines: readonly BusinessLine[], organisation: OrganisationFacts): void {
  if (!staffLinesAreServedByOrganisation(lines, organisation)) {
    const foreign = lines.filter((line) => !organisation.lines.includes(line));
    throw new DomainRuleViolation('STAFF_LINE_NOT_SERVED_BY_ORGANISATION', `organisation ${organisation.orgId} does not serve ${foreign.join(', ')}`, {
      orgId: organisation.orgId,
      lines: foreign,
    });
  }
}

function assertHandlerLine(roles: readonly StaffRole[], lines: readonly BusinessLine[]): void {
  if (!handlerWorksInALine(roles, lines)) throw new DomainRuleViolation('HANDLER_NEEDS_A_LINE', 'a handler works in at least one business line');
}

function assertNoOrphanedProfiles(member: StaffMember, placement: Parameters<typeof orphanedProfiles>[1]): void {
  const orphaned = orphanedProfiles(
    member.profiles.map((profile) => profile.kind),
    placement,
  );
  if (orphaned.length > 0) {
    throw new DomainRuleViolation(
      'STAFF_CHANGE_ORPHANS_PROFILE',
      `the change leaves the ${orphaned.join(', ')} profile without its role, line or workplace; end the profile first`,
      { profiles: orphaned },
    );
  }
}

function register(command: RegisterStaffMember, state: StaffMemberState): StaffMemberEvent[] {
  if (state.status !== 'unregistered') {
    throw new DomainRuleViolation('STAFF_MEMBER_ALREADY_REGISTERED', `staff member ${state.member.userId} is already registered`, { userId: state.member.userId });
  }
  const { data } = command;
  const userId = requireText(data.userId, 'STAFF_USER_ID_REQUIRED', 'a user id');
  const name = requireText(data.name, 'STAFF_NAME_REQUIRED', 'a staff member name');
  const organisation = organisationFacts(data.organisation);
  const roles = canonicalRoles(data.roles);
  const lines = canonicalLines(data.lines);
  const phone = parseMobileNumber(data.phone);
  assertOpen(organisation);
  assertRoles(roles, organisation.kind);
  assertLines(lines, organisation);
  assertHandlerLine(roles, lines);
  const employeeNo = optionalText(data.employeeNo);
  return [
    {
      type: 'StaffMemberRegistered',
      data: {
        userId,
        name,
        orgId: organisation.orgId,
        orgKind: organisation.kind,
        orgRegionCode: organisation.regionCode,
        roles,
        lines,
        phone,
        ...(employeeNo === undefined ? {} : { employeeNo }),
      },
    },
  ];
}

function changeRoles(command: ChangeRoles, member: StaffMember): StaffMemberEvent[] {
  const roles = canonicalRoles(command.data.roles);
  if (sameSet(roles, member.roles)) return [];
  assertRoles(roles, member.orgKind);
  assertHandlerLine(roles, member.lines);
  assertNoOrphanedProfiles(member, { orgKind: member.orgKind, roles, lines: member.lines });
  return [{ type: 'StaffMemberRolesChanged', data: { userId: member.userId, roles, previousRoles: member.roles, changedBy: command.metadata.actor.userId } }];
}

function changeLines(command: ChangeLines, member: StaffMember): StaffMemberEvent[] {
  const organisation = organisationFacts(command.data.organisation);
  if (organisation.orgId !== member.orgId) {
    throw new DomainRuleViolation('STAFF_ORGANISATION_MISMATCH', `the facts are for ${organisation.orgId} but the member works at ${member.orgId}`, {
      orgId: organisation.orgId,
      memberOrgId: member.orgId,
    });
  }
  const lines = canonicalLines(command.data.lines);
  if (sameSet(lines, member.lines)) return [];
  assertOpen(organisation);
  assertLines(lines, organisation);
  assertHandlerLine(member.roles, lines);
  assertNoOrphanedProfiles(member, { orgKind: member.orgKind, roles: member.roles, lines });
  return [{ type: 'StaffMemberLinesChanged', data: { userId: member.userId, lines, previousLines: member.lines, changedBy: command.metadata.actor.userId } }];
}

function move(command: MoveToOrganisation, member: StaffMember): StaffMemberEvent[] {
  const organisation = organisationFacts(command.data.organisation);
  if (organisation.orgId === member.orgId) {
    throw new DomainRuleViolation('STAFF_ALREADY_AT_ORGANISATION', `staff member ${member.userId} already works at ${member.orgId}; change roles or lines instead`, {
      orgId: member.orgId,
    });
  }
  const roles = command.data.roles === undefined ? member.roles : canonicalRoles(command.data.roles);
  const lines = command.data.lines === undefined ? member.lines : canonicalLines(command.data.lines);
  assertOpen(organisation);
  assertRoles(roles, organisation.kind);
  assertLines(lines, organisation);
  assertHandlerLine(roles, lines);
  assertNoOrphanedProfiles(member, { orgKind: organisation.kind, roles, lines });
  return [
    {
      type: 'StaffMemberMovedToOrganisation',
      data: {
        userId: member.userId,
        fromOrgId: member.orgId,
        toOrgId: organisation.orgId,
        orgKind: organisation.kind,
        orgRegionCode: organisation.regionCode,
        roles,
        lines,
        movedBy: command.metadata.actor.userId,
      },
    },
  ];
}

function requireFlag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidInput('PROFILE_FLAG_INVALID', `${what} must be true or false`);
  return value;
}

function requireWholeNumber(value: unknown, min: number, max: number, code: string, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInput(code, `${what} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function lawyerProfileEvent(command: RecordLawyerProfile, member: StaffMember): ProfileRecordedEvent {
  const { data } = command;
  const licenceNo = requireText(data.licenceNo, 'LAWYER_LICENCE_NUMBER_MALFORMED', 'a lawyer licence number');
  if (!isLawyerLicenceNumber(licenceNo)) throw new InvalidInput('LAWYER_LICENCE_NUMBER_MALFORMED', 'a lawyer licence number (律师执业证号) is 17 digits');
  const practiceYears = requireWholeNumber(data.practiceYears, 0, MAX_PRACTICE_YEARS, 'LAWYER_YEARS_INVALID', 'practice years');
  const criminalDefenceYears = requireWholeNumber(data.criminalDefenceYears, 0, MAX_PRACTICE_YEARS, 'LAWYER_YEARS_INVALID', 'criminal defence years');
  const specialties = canonicalSet(data.specialties, LAWYER_SPECIALTIES, 'LAWYER_SPECIALTY_UNKNOWN', 'lawyer specialty');
  const maxConcurrentCases = requireWholeNumber(data.maxConcurrentCases, 1, MAX_CONCURRENT_CASES, 'MAX_CONCURRENT_CASES_INVALID', 'the maximum of concurrent cases');
  if (!criminalDefenceYearsWithinPracticeYears({ practiceYears, criminalDefenceYears })) {
    throw new DomainRuleViolation(
      'CRIMINAL_DEFENCE_YEARS_EXCEED_PRACTICE_YEARS',
      `${criminalDefenceYears} years of criminal defence exceed ${practiceYears} years of practice`,
      { practiceYears, criminalDefenceYears },
    );
  }
  if (!criminalDefenceSpecialtyHasExperience({ specialties, criminalDefenceYears })) {
    throw new DomainRuleViolation('CRIMINAL_DEFENCE_SPECIALTY_WITHOUT_EXPERIENCE', 'criminal defence as a specialty needs at least one year of criminal defence');
  }
  return {
    type: 'LawyerProfileRecorded',
    data: { userId: member.userId, firmOrgId: member.orgId, licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases },
  };
}

function mediatorProfileEvent(command: RecordMediatorProfile, member: StaffMember): ProfileRecordedEvent {
  const fullTime = requireFlag(command.data.fullTime, 'fullTime');
  const specialties = canonicalSet(command.data.specialties, DISPUTE_CATEGORIES, 'DISPUTE_CATEGORY_UNKNOWN', 'dispute category');
  return { type: 'MediatorProfileRecorded', data: { userId: member.userId, fullTime, specialties } };
}

function notaryProfileEvent(command: RecordNotaryProfile, member: StaffMember): ProfileRecordedEvent {
  const licenceNo = requireText(command.data.licenceNo, 'NOTARY_LICENCE_NUMBER_REQUIRED', 'a notary licence number');
  return { type: 'NotaryProfileRecorded', data: { userId: member.userId, licenceNo } };
}

function appraiserProfileEvent(command: RecordAppraiserProfile, member: StaffMember): ProfileRecordedEvent {
  const categories = canonicalSet(command.data.categories, APPRAISAL_CATEGORIES, 'APPRAISAL_CATEGORY_UNKNOWN', 'appraisal category');
  const seniority = requireKnown(command.data.seniority, APPRAISER_SENIORITIES, 'APPRAISER_SENIORITY_UNKNOWN', 'appraiser seniority');
  // 司法鉴定人登记管理办法: an appraiser is registered for named practice categories (执业类别).
  if (categories.length === 0) throw new DomainRuleViolation('APPRAISER_CATEGORIES_REQUIRED', 'an appraiser practises in at least one category');
  return { type: 'AppraiserProfileRecorded', data: { userId: member.userId, categories, seniority } };
}

function correctionOfficerProfileEvent(command: RecordCorrectionOfficerProfile, member: StaffMember): ProfileRecordedEvent {
  const familiarWithMinors = requireFlag(command.data.familiarWithMinors, 'familiarWithMinors');
  const officerNo = optionalText(command.data.officerNo);
  return {
    type: 'CorrectionOfficerProfileRecorded',
    data: { userId: member.userId, familiarWithMinors, ...(officerNo === undefined ? {} : { officerNo }) },
  };
}

function profileFromEvent(event: ProfileRecordedEvent): ProfessionalProfile {
  switch (event.type) {
    case 'LawyerProfileRecorded': {
      const { licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases } = event.data;
      return { kind: 'lawyer', licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases };
    }
    case 'MediatorProfileRecorded':
      return { kind: 'mediator', fullTime: event.data.fullTime, specialties: event.data.specialties };
    case 'NotaryProfileRecorded':
      return { kind: 'notary', licenceNo: event.data.licenceNo };
    case 'AppraiserProfileRecorded':
      return { kind: 'appraiser', categories: event.data.categories, seniority: event.data.seniority };
    case 'CorrectionOfficerProfileRecorded':
      return {
        kind: 'correction-officer',
        familiarWithMinors: event.data.familiarWithMinors,
        ...(event.data.officerNo === undefined ? {} : { officerNo: event.data.officerNo }),
      };
    default:
      return unreachable(event, 'profile event');
  }
}

/** The profession's placement rules first, then its own data; re-recording the same profile changes nothing. */
function recordProfile(kind: ProfileKind, member: StaffMember, build: () => ProfileRecordedEvent): StaffMemberEvent[] {
  if (!profileHolderIsHandler(member.roles)) {
    throw new DomainRuleViolation('PROFILE_REQUIRES_HANDLER_ROLE', `a ${kind} profile belongs to a handler`, { profile: kind });
  }
  if (!profileFitsWorkplace(kind, member.orgKind)) {
    throw new DomainRuleViolation(
      'PROFILE_NOT_ALLOWED_AT_ORGANISATION',
      `a ${kind} practises at ${PROFILE_POLICIES[kind].workplaces.join(' or ')}, not at a ${member.orgKind}`,
      { profile: kind, orgKind: member.orgKind },
    );
  }
  if (!profileLineIsHeld(kind, member.lines)) {
    throw new DomainRuleViolation('PROFILE_LINE_NOT_HELD', `a ${kind} works in ${PROFILE_POLICIES[kind].line}, which the member does not hold`, {
      profile: kind,
      line: PROFILE_POLICIES[kind].line,
    });
  }
  const event = build();
  const existing = profileOf(member, kind);
  if (existing !== undefined && JSON.stringify(existing) === JSON.stringify(profileFromEvent(event))) return [];
  return [event];
}

function endProfile(command: EndProfessionalProfile, member: StaffMember): StaffMemberEvent[] {
  const profile = requireKnown(command.data.profile, PROFILE_KINDS, 'PROFILE_KIND_UNKNOWN', 'profile kind');
  if (profileOf(member, profile) === undefined) {
    throw new DomainRuleViolation('PROFILE_NOT_HELD', `staff member ${member.userId} holds no ${profile} profile`, { profile });
  }
  const reason = requireText(command.data.reason, 'PROFILE_END_REASON_REQUIRED', 'a reason for ending the profile');
  return [{ type: 'ProfessionalProfileEnded', data: { userId: member.userId, profile, reason, endedBy: command.metadata.actor.userId } }];
}

/** The member a command may change: registered, the one the command names, and active. */
function activeMember(userId: string, state: StaffMemberState): StaffMember {
  if (state.status === 'unregistered') throw new NotFound('STAFF_MEMBER_NOT_FOUND', `no staff member ${userId}`, { userId });
  if (state.member.userId !== userId) {
    throw new DomainRuleViolation('STAFF_USER_ID_MISMATCH', `the command names ${userId} but the stream holds ${state.member.userId}`, {
      userId,
      streamUserId: state.member.userId,
    });
  }
  if (state.status === 'deactivated') {
    throw new DomainRuleViolation('STAFF_MEMBER_DEACTIVATED', `staff member ${userId} is deactivated`, { userId });
  }
  return state.member;
}

function withProfile(member: StaffMember, profile: ProfessionalProfile): StaffMember {
  const others = member.profiles.filter((held) => held.kind !== profile.kind);
  const profiles = [...others, profile].sort((a, b) => PROFILE_KINDS.indexOf(a.kind) - PROFILE_KINDS.indexOf(b.kind));
  return { ...member, profiles };
}

function evolveMember(state: StaffMemberState, change: (member: StaffMember) => StaffMember): StaffMemberState {
  switch (state.status) {
    case 'unregistered':
      return state;
    case 'active':
      return { status: 'active', member: change(state.member) };
    case 'deactivated':
      return { status: 'deactivated', member: change(state.member), reason: state.reason };
    default:
      return unreachable(state, 'state');
  }
}

export const staffMemberDecider: Decider<StaffMemberCommand, StaffMemberEvent, StaffMemberState> = {
  initialState: { status: 'unregistered' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterStaffMember':
        return register(command, state);
      case 'ChangeRoles':
        return changeRoles(command, activeMember(command.data.userId, state));
      case 'ChangeLines':
        return changeLines(command, activeMember(command.data.userId, state));
      case 'MoveToOrganisation':
        return move(command, activeMember(command.data.userId, state));
      case 'DeactivateStaffMember': {
        const member = activeMember(command.data.userId, state);
        const reason = requireText(command.data.reason, 'DEACTIVATION_REASON_REQUIRED', 'a deactivation reason');
        return [{ type: 'StaffMemberDeactivated', data: { userId: member.userId, reason, deactivatedBy: command.metadata.actor.userId } }];
      }
      case 'RecordLawyerProfile': {
        const member = activeMember(command.data.userId, state);
        return recordProfile('lawyer', member, () => lawyerProfileEvent(command, member));
      }
      case 'RecordMediatorProfile': {
        const member = activeMember(command.data.userId, state);
        return recordProfile('mediator', member, () => mediatorProfileEvent(command, member));
      }
      case 'RecordNotaryProfile': {
        const member = activeMember(command.data.userId, state);
        return recordProfile('notary', member, () => notaryProfileEvent(command, member));
      }
      case 'RecordAppraiserProfile': {
        const member = activeMember(command.data.userId, state);
        return recordProfile('appraiser', member, () => appraiserProfileEvent(command, member));
      }
      case 'RecordCorrectionOfficerProfile': {
        const member = activeMember(command.data.userId, state);
        return recordProfile('correction-officer', member, () => correctionOfficerProfileEvent(command, member));
      }
      case 'EndProfessionalProfile':
        return endProfile(command, activeMember(command.data.userId, state));
      default:
        return unreachable(command, 'command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'StaffMemberRegistered':
        return { status: 'active', member: { ...event.data, profiles: [] } };
      case 'StaffMemberRolesChanged':
        return evolveMember(state, (member) => ({ ...member, roles: event.data.roles }));
      case 'StaffMemberLinesChanged':
        return evolveMember(state, (member) => ({ ...member, lines: event.data.lines }));
      case 'StaffMemberMovedToOrganisation':
        return evolveMember(state, (member) => ({
          ...member,
          orgId: event.data.toOrgId,
          orgKind: event.data.orgKind,
          orgRegionCode: event.data.orgRegionCode,
          roles: event.data.roles,
          lines: event.data.lines,
        }));
      case 'StaffMemberDeactivated':
        return state.status === 'unregistered' ? state : { status: 'deactivated', member: state.member, reason: event.data.reason };
      case 'LawyerProfileRecorded':
      case 'MediatorProfileRecorded':
      case 'NotaryProfileRecorded':
      case 'AppraiserProfileRecorded':
      case 'CorrectionOfficerProfileRecorded':
        return evolveMember(state, (member) => withProfile(member, profileFromEvent(event)));
      case 'ProfessionalProfileEnded':
        return evolveMember(state, (member) => ({ ...member, profiles: member.profiles.filter((profile) => profile.kind !== event.data.profile) }));
      default:
        return unreachable(event, 'event');
    }
  },
};
