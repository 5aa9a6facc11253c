import { DeciderSpecification } from '@pls/event-sourcing/testing';
import type { OrganisationFacts } from './organisation.commands';
import type { RecordLawyerProfile, RegisterStaffMember, StaffMemberCommand } from './staff-member.commands';
import { profileOf, staffMemberDecider } from './staff-member.decider';
import type { LawyerProfileRecorded, StaffMemberEvent, StaffMemberRegistered } from './staff-member.events';
import { isFamiliarWithMinors, mayDefendLifeOrDeathCases } from './staff-member.rules';

const spec = DeciderSpecification(staffMemberDecider);
const actor = { userId: 'admin-1', orgId: 'sc-justice', roles: ['admin'] };
let sequence = 0;

function command<C extends StaffMemberCommand>(type: C['type'], data: C['data']): C {
  return { type, data, metadata: { commandId: `cmd-${++sequence}`, now: '2026-03-02T01:00:00.000Z', actor } } as unknown as C;
}

const org = (orgId: string, kind: OrganisationFacts['kind'], lines: OrganisationFacts['lines'], regionCode = '512022'): OrganisationFacts => ({
  orgId,
  kind,
  lines,
  regionCode,
  closed: false,
});

const centre = org('lz-centre', 'public-legal-service-centre', ['legal-aid', 'mediation', 'notarization']);
const legalAid = org('lz-legal-aid', 'legal-aid-agency', ['legal-aid']);
const firmA = org('lz-firm-a', 'law-firm', ['legal-aid']);
const firmB = org('lz-firm-b', 'law-firm', ['legal-aid']);
const court = org('lz-court', 'court', ['legal-aid', 'mediation', 'community-correction']);
const police = org('lz-police', 'police', ['legal-aid']);
const detention = org('lz-detention', 'detention-centre', ['legal-aid']);
const petitionsOffice = org('lz-petitions', 'petitions-office', ['mediation']);
const committee = org('lz-mediation', 'mediation-committee', ['mediation']);
const notaryOffice = org('lz-notary', 'notary-office', ['notarization']);
const appraisal = org('zy-appraisal', 'appraisal-institution', ['forensic-appraisal'], '512000');
const judicialOffice = org('lz-sfs-tianchi', 'judicial-office', ['legal-aid', 'mediation', 'community-correction'], '512022001');
const bureau = org('lz-bureau', 'justice-bureau', ['legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction']);

function register(data: Partial<RegisterStaffMember['data']> = {}): RegisterStaffMember {
  return command<RegisterStaffMember>('RegisterStaffMember', {
    userId: 'u-li',
    name: '李晓燕',
    organisation: centre,
    roles: ['clerk'],
    lines: ['legal-aid', 'mediation'],
    phone: '19900000101',
    ...data,
  });
}

function registered(organisation: OrganisationFacts, roles: StaffMemberRegistered['data']['roles'], lines: StaffMemberRegistered['data']['lines'], userId = 'u-li'): StaffMemberRegistered {
  return {
    type: 'StaffMemberRegistered',
    data: { userId, name: '李晓燕', orgId: organisation.orgId, orgKind: organisation.kind, orgRegionCode: organisation.regionCode.padEnd(12, '0'), roles, lines, phone: '19900000101' },
  };
}

const clerk = registered(centre, ['clerk'], ['legal-aid', 'mediation']);
const lawyerAtFirmA = registered(firmA, ['handler'], ['legal-aid']);

function lawyerProfile(data: Partial<RecordLawyerProfile['data']> = {}): RecordLawyerProfile {
  return command<RecordLawyerProfile>('RecordLawyerProfile', {
    userId: 'u-li',
    licenceNo: '15120201111010231',
    practiceYears: 15,
    criminalDefenceYears: 12,
    specialties: ['minors', 'criminal-defence'],
    maxConcurrentCases: 8,
    ...data,
  });
}

const lawyerRecorded: LawyerProfileRecorded = {
  type: 'LawyerProfileRecorded',
  data: { userId: 'u-li', firmOrgId: 'lz-firm-a', licenceNo: '15120201111010231', practiceYears: 15, criminalDefenceYears: 12, specialties: ['criminal-defence', 'minors'], maxConcurrentCases: 8 },
};

const deactivated: StaffMemberEvent = { type: 'StaffMemberDeactivated', data: { userId: 'u-li', reason: '调离', deactivatedBy: 'admin-1' } };

describe('StaffMember', () => {
  describe('registering', () => {
    it('given nothing, when a clerk registers at the county centre, then the member is recorded with the organisation facts and a normalised mobile', () => {
      spec
        .given([])
        .when(register({ phone: '+86 199 0000 0101', roles: ['clerk', 'clerk'], lines: ['mediation', 'legal-aid'], employeeNo: 'LZ-001' }))
        .then([{ ...clerk, data: { ...clerk.data, employeeNo: 'LZ-001' } }]);
    });

    it('given a closed organisation, when someone registers there, then it is refused', () => {
      spec.given([]).when(register({ organisation: { ...centre, closed: true } })).thenRefuses('STAFF_ORGANISATION_CLOSED');
    });

    it('given a centre without forensic appraisal, when a clerk registers for that line, then it is refused because lines must be a subset of the organisation lines', () => {
      spec.given([]).when(register({ lines: ['forensic-appraisal'] })).thenRefuses('STAFF_LINE_NOT_SERVED_BY_ORGANISATION', /forensic-appraisal/);
    });

    it('given a police bureau, when a user registers there with the court role, then it is refused as an integrator role of another organ', () => {
      spec.given([]).when(register({ organisation: police, roles: ['court'], lines: ['legal-aid'] })).thenRefuses('INTEGRATOR_ROLE_ORGAN_MISMATCH');
    });

    it('given a petitions office, when a user registers there with the petitions role for mediation, then it is accepted (访调对接)', () => {
      spec
        .given([])
        .when(register({ organisation: petitionsOffice, roles: ['petitions'], lines: ['mediation'] }))
        .then([registered(petitionsOffice, ['petitions'], ['mediation'])]);
    });

    it.each([
      ['the petitions role at a police bureau', police, ['petitions'] as const],
      ['the petitions role at a mediation committee', committee, ['petitions'] as const],
      ['the police role at a petitions office', petitionsOffice, ['police'] as const],
    ])('given an organ, when a user registers with %s, then it is refused as an integrator role of another organ', (_, organisation, roles) => {
      spec.given([]).when(register({ organisation, roles: [...roles], lines: [] })).thenRefuses('INTEGRATOR_ROLE_ORGAN_MISMATCH');
    });

    it('given a legal aid agency, when a user registers there with the prison role, then it is refused', () => {
      spec.given([]).when(register({ organisation: legalAid, roles: ['prison'], lines: [] })).thenRefuses('INTEGRATOR_ROLE_ORGAN_MISMATCH');
    });

    it.each([
      ['a court user', court, ['court'] as const],
      ['a detention centre user with the police role', detention, ['police'] as const],
    ])('given the matching organ, when %s registers, then it is accepted', (_, organisation, roles) => {
      spec
        .given([])
        .when(register({ organisation, roles: [...roles], lines: ['legal-aid'] }))
        .then((events) => expect(events[0].type).toBe('StaffMemberRegistered'));
    });

    it.each([
      ['a clerk at a court', court, ['clerk'] as const],
      ['a clerk at a legal aid agency', legalAid, ['clerk'] as const],
      ['a supervisor at a centre', centre, ['supervisor'] as const],
      ['an admin at a law firm', firmA, ['admin'] as const],
      ['a clerk at a petitions office', petitionsOffice, ['clerk'] as const],
      ['a handler at a petitions office', petitionsOffice, ['handler'] as const],
    ])('given an organisation, when %s registers, then it is refused with ROLE_NOT_ALLOWED_AT_ORGANISATION', (_, organisation, roles) => {
      spec
        .given([])
        .when(register({ organisation, roles: [...roles], lines: [] }))
        .thenRefuses('ROLE_NOT_ALLOWED_AT_ORGANISATION');
    });

    it('given a justice bureau, when a supervisor registers there, then it is accepted', () => {
      spec
        .given([])
        .when(register({ organisation: bureau, roles: ['supervisor'], lines: bureau.lines }))
        .then((events) => expect(events[0].data).toMatchObject({ orgKind: 'justice-bureau', roles: ['supervisor'] }));
    });

    it('given a legal aid agency, when a handler registers without a line, then it is refused', () => {
      spec.given([]).when(register({ organisation: legalAid, roles: ['handler'], lines: [] })).thenRefuses('HANDLER_NEEDS_A_LINE');
    });

    it.each([
      ['no roles', 'STAFF_ROLES_REQUIRED', { roles: [] }],
      ['an unknown role', 'ROLE_UNKNOWN', { roles: ['judge'] }],
      ['a landline instead of a mobile', 'MOBILE_NUMBER_INVALID', { phone: '028-23300149' }],
      ['a blank name', 'STAFF_NAME_REQUIRED', { name: '' }],
      ['a blank user id', 'STAFF_USER_ID_REQUIRED', { userId: ' ' }],
      ['an unknown line', 'BUSINESS_LINE_UNKNOWN', { lines: ['tax'] }],
    ])('given nothing, when a member registers with %s, then it is refused with %s', (_, code, data) => {
      spec
        .given([])
        .when(register(data as Partial<RegisterStaffMember['data']>))
        .thenRefuses(code);
    });

    it('given a registered member, when they register again, then it is refused', () => {
      spec.given([clerk]).when(register()).thenRefuses('STAFF_MEMBER_ALREADY_REGISTERED');
    });
  });

  describe('changing roles and lines', () => {
    it('given a clerk, when an admin role is added, then the new and previous roles are recorded with who changed them', () => {
      spec
        .given([clerk])
        .when(command('ChangeRoles', { userId: 'u-li', roles: ['admin', 'clerk'] }))
        .then([{ type: 'StaffMemberRolesChanged', data: { userId: 'u-li', roles: ['clerk', 'admin'], previousRoles: ['clerk'], changedBy: 'admin-1' } }]);
    });

    it('given a clerk, when the same roles are sent, then nothing happens', () => {
      spec.given([clerk]).when(command('ChangeRoles', { userId: 'u-li', roles: ['clerk'] })).thenNothingHappens();
    });

    it('given a clerk at a centre, when given the court role, then it is refused', () => {
      spec.given([clerk]).when(command('ChangeRoles', { userId: 'u-li', roles: ['clerk', 'court'] })).thenRefuses('INTEGRATOR_ROLE_ORGAN_MISMATCH');
    });

    it('given a member, when every role is removed, then it is refused', () => {
      spec.given([lawyerAtFirmA, lawyerRecorded]).when(command('ChangeRoles', { userId: 'u-li', roles: [] })).thenRefuses('STAFF_ROLES_REQUIRED');
    });

    it('given a lawyer at a legal aid agency, when the handler role is dropped, then it is refused because the profile would be orphaned', () => {
      const atLegalAid = registered(legalAid, ['handler', 'admin'], ['legal-aid']);
      spec
        .given([atLegalAid, { ...lawyerRecorded, data: { ...lawyerRecorded.data, firmOrgId: 'lz-legal-aid' } }])
        .when(command('ChangeRoles', { userId: 'u-li', roles: ['admin'] }))
        .thenRefuses('STAFF_CHANGE_ORPHANS_PROFILE');
    });

    it('given a clerk, when lines change within the organisation, then the change is recorded', () => {
      spec
        .given([clerk])
        .when(command('ChangeLines', { userId: 'u-li', lines: ['notarization'], organisation: centre }))
        .then([{ type: 'StaffMemberLinesChanged', data: { userId: 'u-li', lines: ['notarization'], previousLines: ['legal-aid', 'mediation'], changedBy: 'admin-1' } }]);
    });

    it('given a clerk, when lines change with facts of another organisation, then it is refused', () => {
      spec.given([clerk]).when(command('ChangeLines', { userId: 'u-li', lines: ['legal-aid'], organisation: legalAid })).thenRefuses('STAFF_ORGANISATION_MISMATCH');
    });

    it('given a clerk, when lines change to one the organisation does not serve, then it is refused', () => {
      spec.given([clerk]).when(command('ChangeLines', { userId: 'u-li', lines: ['community-correction'], organisation: centre })).thenRefuses('STAFF_LINE_NOT_SERVED_BY_ORGANISATION');
    });

    it('given a clerk whose organisation has closed, when lines change, then it is refused', () => {
      spec.given([clerk]).when(command('ChangeLines', { userId: 'u-li', lines: ['legal-aid'], organisation: { ...centre, closed: true } })).thenRefuses('STAFF_ORGANISATION_CLOSED');
    });

    it('given a correction officer at a judicial office, when the correction line is dropped, then it is refused because the profile needs it', () => {
      const officer = registered(judicialOffice, ['handler'], ['mediation', 'community-correction']);
      spec
        .given([officer, { type: 'CorrectionOfficerProfileRecorded', data: { userId: 'u-li', familiarWithMinors: true } }])
        .when(command('ChangeLines', { userId: 'u-li', lines: ['mediation'], organisation: judicialOffice }))
        .thenRefuses('STAFF_CHANGE_ORPHANS_PROFILE');
    });
  });

  describe('moving', () => {
    it('given a lawyer at one firm, when they move to another firm, then the move is recorded and the profile follows them', () => {
      spec
        .given([lawyerAtFirmA, lawyerRecorded])
        .when(command('MoveToOrganisation', { userId: 'u-li', organisation: firmB }))
        .then((events, state) => {
          expect(events).toEqual([
            {
              type: 'StaffMemberMovedToOrganisation',
              data: { userId: 'u-li', fromOrgId: 'lz-firm-a', toOrgId: 'lz-firm-b', orgKind: 'law-firm', orgRegionCode: '512022000000', roles: ['handler'], lines: ['legal-aid'], movedBy: 'admin-1' },
            },
          ]);
          expect(state.status === 'active' && state.member.orgId).toBe('lz-firm-b');
          expect(state.status === 'active' && profileOf(state.member, 'lawyer')?.criminalDefenceYears).toBe(12);
        });
    });

    it('given a member, when moved to the organisation they already work at, then it is refused', () => {
      spec.given([clerk]).when(command('MoveToOrganisation', { userId: 'u-li', organisation: centre })).thenRefuses('STAFF_ALREADY_AT_ORGANISATION');
    });

    it('given a lawyer, when moved to a notary office for notarization, then it is refused because the lawyer profile would be orphaned', () => {
      spec
        .given([lawyerAtFirmA, lawyerRecorded])
        .when(command('MoveToOrganisation', { userId: 'u-li', organisation: notaryOffice, lines: ['notarization'] }))
        .thenRefuses('STAFF_CHANGE_ORPHANS_PROFILE');
    });

    it('given a clerk, when moved to a closed station, then it is refused', () => {
      spec
        .given([clerk])
        .when(command('MoveToOrganisation', { userId: 'u-li', organisation: { ...centre, orgId: 'lz-station', kind: 'public-legal-service-station', regionCode: '512022101', closed: true } }))
        .thenRefuses('STAFF_ORGANISATION_CLOSED');
    });

    it('given a clerk, when moved to a legal aid agency keeping the clerk role, then it is refused', () => {
      spec.given([clerk]).when(command('MoveToOrganisation', { userId: 'u-li', organisation: legalAid, lines: ['legal-aid'] })).thenRefuses('ROLE_NOT_ALLOWED_AT_ORGANISATION');
    });
  });

  describe('deactivating', () => {
    it('given an active member, when deactivated with a reason, then they are deactivated', () => {
      spec
        .given([clerk])
        .when(command('DeactivateStaffMember', { userId: 'u-li', reason: '调离' }))
        .then((events, state) => {
          expect(events).toEqual([deactivated]);
          expect(state.status).toBe('deactivated');
        });
    });

    it('given an active member, when deactivated without a reason, then it is refused', () => {
      spec.given([clerk]).when(command('DeactivateStaffMember', { userId: 'u-li', reason: '' })).thenRefuses('DEACTIVATION_REASON_REQUIRED');
    });

    it('given a deactivated member, when their roles change, then it is refused', () => {
      spec.given([clerk, deactivated]).when(command('ChangeRoles', { userId: 'u-li', roles: ['admin'] })).thenRefuses('STAFF_MEMBER_DEACTIVATED');
    });

    it('given nothing, when roles change, then it is refused as not found', () => {
      spec.given([]).when(command('ChangeRoles', { userId: 'u-li', roles: ['clerk'] })).thenRefuses('STAFF_MEMBER_NOT_FOUND');
    });

    it('given the stream of one member, when a command names another, then it is refused', () => {
      spec.given([clerk]).when(command('ChangeRoles', { userId: 'u-wang', roles: ['clerk'] })).thenRefuses('STAFF_USER_ID_MISMATCH');
    });
  });

  describe('professional profiles', () => {
    it('given a handler at a law firm, when a lawyer profile is recorded, then it carries the firm and canonical specialties', () => {
      spec.given([lawyerAtFirmA]).when(lawyerProfile()).then([lawyerRecorded]);
    });

    it('given a recorded lawyer profile, when the same profile is recorded again, then nothing happens', () => {
      spec.given([lawyerAtFirmA, lawyerRecorded]).when(lawyerProfile()).thenNothingHappens();
    });

    it('given a recorded lawyer profile, when more experience is recorded, then the profile is replaced', () => {
      spec
        .given([lawyerAtFirmA, lawyerRecorded])
        .when(lawyerProfile({ practiceYears: 16, criminalDefenceYears: 13 }))
        .then((events, state) => {
          expect(events).toHaveLength(1);
          expect(state.status === 'active' && state.member.profiles).toEqual([expect.objectContaining({ kind: 'lawyer', practiceYears: 16 })]);
        });
    });

    it('given a lawyer, when criminal defence years exceed practice years, then it is refused', () => {
      spec.given([lawyerAtFirmA]).when(lawyerProfile({ practiceYears: 3, criminalDefenceYears: 4 })).thenRefuses('CRIMINAL_DEFENCE_YEARS_EXCEED_PRACTICE_YEARS');
    });

    it('given a lawyer, when criminal defence is claimed with no criminal defence years, then it is refused', () => {
      spec
        .given([lawyerAtFirmA])
        .when(lawyerProfile({ criminalDefenceYears: 0, specialties: ['criminal-defence'] }))
        .thenRefuses('CRIMINAL_DEFENCE_SPECIALTY_WITHOUT_EXPERIENCE');
    });

    it.each([
      ['a 16-digit licence number', 'LAWYER_LICENCE_NUMBER_MALFORMED', { licenceNo: '1512020111101023' }],
      ['fractional practice years', 'LAWYER_YEARS_INVALID', { practiceYears: 2.5 }],
      ['negative criminal defence years', 'LAWYER_YEARS_INVALID', { criminalDefenceYears: -1 }],
      ['no case capacity', 'MAX_CONCURRENT_CASES_INVALID', { maxConcurrentCases: 0 }],
      ['an unknown specialty', 'LAWYER_SPECIALTY_UNKNOWN', { specialties: ['tax'] }],
    ])('given a lawyer, when the profile has %s, then it is refused with %s', (_, code, data) => {
      spec
        .given([lawyerAtFirmA])
        .when(lawyerProfile(data as Partial<RecordLawyerProfile['data']>))
        .thenRefuses(code);
    });

    it('given a clerk, when a lawyer profile is recorded, then it is refused because profiles belong to handlers', () => {
      spec.given([clerk]).when(lawyerProfile()).thenRefuses('PROFILE_REQUIRES_HANDLER_ROLE');
    });

    it('given a handler at a mediation committee, when a lawyer profile is recorded, then it is refused as the wrong workplace', () => {
      spec
        .given([registered(committee, ['handler'], ['mediation'])])
        .when(lawyerProfile())
        .thenRefuses('PROFILE_NOT_ALLOWED_AT_ORGANISATION');
    });

    it('given a handler at a judicial office without the correction line, when a correction officer profile is recorded, then it is refused', () => {
      spec
        .given([registered(judicialOffice, ['handler'], ['mediation'])])
        .when(command('RecordCorrectionOfficerProfile', { userId: 'u-li', familiarWithMinors: true }))
        .thenRefuses('PROFILE_LINE_NOT_HELD');
    });

    it('given a handler at a judicial office with the correction line, when a correction officer profile is recorded, then it is accepted', () => {
      spec
        .given([registered(judicialOffice, ['handler'], ['community-correction'])])
        .when(command('RecordCorrectionOfficerProfile', { userId: 'u-li', familiarWithMinors: true, officerNo: ' LZSJ-0102 ' }))
        .then([{ type: 'CorrectionOfficerProfileRecorded', data: { userId: 'u-li', familiarWithMinors: true, officerNo: 'LZSJ-0102' } }]);
    });

    const mediator = registered(committee, ['handler'], ['mediation']);

    it('given a handler at a mediation committee, when a part-time mediator profile is recorded, then it is accepted', () => {
      spec
        .given([mediator])
        .when(command('RecordMediatorProfile', { userId: 'u-li', fullTime: false, specialties: ['traffic', 'marriage-family'] }))
        .then([{ type: 'MediatorProfileRecorded', data: { userId: 'u-li', fullTime: false, specialties: ['marriage-family', 'traffic'] } }]);
    });

    it('given a mediator, when the dispute category is unknown, then it is refused', () => {
      spec.given([mediator]).when(command('RecordMediatorProfile', { userId: 'u-li', fullTime: true, specialties: ['piracy' as never] })).thenRefuses('DISPUTE_CATEGORY_UNKNOWN');
    });

    it('given a mediator, when full-time is not a boolean, then it is refused', () => {
      spec.given([mediator]).when(command('RecordMediatorProfile', { userId: 'u-li', fullTime: 'yes' as never, specialties: [] })).thenRefuses('PROFILE_FLAG_INVALID');
    });

    it('given a handler at a notary office, when a notary profile without licence is recorded, then it is refused', () => {
      spec.given([registered(notaryOffice, ['handler'], ['notarization'])]).when(command('RecordNotaryProfile', { userId: 'u-li', licenceNo: '' })).thenRefuses('NOTARY_LICENCE_NUMBER_REQUIRED');
    });

    const appraiser = registered(appraisal, ['handler'], ['forensic-appraisal']);

    it('given a handler at an appraisal institution, when an appraiser profile is recorded, then it is accepted', () => {
      spec
        .given([appraiser])
        .when(command('RecordAppraiserProfile', { userId: 'u-li', categories: ['traffic-accident', 'forensic-clinical'], seniority: 'senior' }))
        .then([{ type: 'AppraiserProfileRecorded', data: { userId: 'u-li', categories: ['forensic-clinical', 'traffic-accident'], seniority: 'senior' } }]);
    });

    it.each([
      ['no category', 'APPRAISER_CATEGORIES_REQUIRED', { categories: [], seniority: 'senior' }],
      ['an unknown category', 'APPRAISAL_CATEGORY_UNKNOWN', { categories: ['astrology'], seniority: 'senior' }],
      ['an unknown seniority', 'APPRAISER_SENIORITY_UNKNOWN', { categories: ['forensic-clinical'], seniority: 'chief' }],
    ])('given an appraiser, when the profile has %s, then it is refused with %s', (_, code, data) => {
      spec
        .given([appraiser])
        .when(command('RecordAppraiserProfile', { userId: 'u-li', ...(data as { categories: never[]; seniority: never }) }))
        .thenRefuses(code);
    });

    it('given a lawyer at a legal aid agency, when the profile is ended, then the handler role may be dropped', () => {
      const atLegalAid = registered(legalAid, ['handler', 'admin'], ['legal-aid']);
      const recorded = { ...lawyerRecorded, data: { ...lawyerRecorded.data, firmOrgId: 'lz-legal-aid' } };
      spec
        .given([atLegalAid, recorded])
        .when(command('EndProfessionalProfile', { userId: 'u-li', profile: 'lawyer', reason: '转岗管理' }))
        .then((events, state) => {
          expect(events).toEqual([{ type: 'ProfessionalProfileEnded', data: { userId: 'u-li', profile: 'lawyer', reason: '转岗管理', endedBy: 'admin-1' } }]);
          expect(state.status === 'active' && state.member.profiles).toEqual([]);
        });
      spec
        .given([atLegalAid, recorded, { type: 'ProfessionalProfileEnded', data: { userId: 'u-li', profile: 'lawyer', reason: '转岗管理', endedBy: 'admin-1' } }])
        .when(command('ChangeRoles', { userId: 'u-li', roles: ['admin'] }))
        .then((events) => expect(events[0].type).toBe('StaffMemberRolesChanged'));
    });

    it('given a member without a notary profile, when it is ended, then it is refused', () => {
      spec.given([lawyerAtFirmA]).when(command('EndProfessionalProfile', { userId: 'u-li', profile: 'notary', reason: 'x' })).thenRefuses('PROFILE_NOT_HELD');
    });

    it('given a lawyer, when the profile is ended without a reason, then it is refused', () => {
      spec.given([lawyerAtFirmA, lawyerRecorded]).when(command('EndProfessionalProfile', { userId: 'u-li', profile: 'lawyer', reason: '' })).thenRefuses('PROFILE_END_REASON_REQUIRED');
    });
  });

  describe('assignment policies', () => {
    it('given criminal defence years, then only three or more qualify for life-imprisonment or death cases', () => {
      expect(mayDefendLifeOrDeathCases({ criminalDefenceYears: 3 })).toBe(true);
      expect(mayDefendLifeOrDeathCases({ criminalDefenceYears: 2 })).toBe(false);
    });

    it('given specialties, then a lawyer is familiar with minors only with the minors specialty', () => {
      expect(isFamiliarWithMinors({ specialties: ['minors', 'family'] })).toBe(true);
      expect(isFamiliarWithMinors({ specialties: ['criminal-defence'] })).toBe(false);
    });
  });
});
