import { DEMO_LOGINS, PROFILE_KINDS, type ProfileKind, type StaffMemberEvent } from '@pls/directory-domain';
import { categoryPrefix, parseStreamName, type Projection } from '@pls/event-sourcing';
import { asDomainEvent, ignoreUnknownEvent, regionPathOf } from '../projection-support';
import type { StaffMemberDocument } from './staff-member.document';

const STREAMS = categoryPrefix('directory', 'staff');

/**
 * The domain has no usernames (an identity provider owns them); the demo seed's login handles are
 * a pure function of the user id, so the projection can attach them without an event.
 */
const DEMO_USERNAMES: ReadonlyMap<string, string> = new Map(DEMO_LOGINS.map((login) => [login.userId, login.username]));

/** Starts with the 12-digit region code, which `regionSubtree` relies on. */
export function staffSortKey(regionCode: string, name: string): string {
  return `${regionCode}:${name}`;
}

type ProfileFields = Pick<
  StaffMemberDocument,
  'profileKinds' | 'lawyer' | 'mediator' | 'notary' | 'appraiser' | 'correctionOfficer' | 'lawyerSpecialties' | 'criminalDefenceYears' | 'disputeCategories' | 'appraisalCategories'
>;

/** Recomputes the flattened pool fields from the whole profiles, so the two never disagree. */
function withProfiles(document: StaffMemberDocument, profiles: Pick<StaffMemberDocument, ProfileKindField>): StaffMemberDocument {
  const held = (kind: ProfileKind) => profiles[PROFILE_FIELD[kind]] !== null;
  const flattened: ProfileFields = {
    ...profiles,
    profileKinds: PROFILE_KINDS.filter(held),
    lawyerSpecialties: profiles.lawyer?.specialties ?? [],
    criminalDefenceYears: profiles.lawyer?.criminalDefenceYears ?? null,
    disputeCategories: profiles.mediator?.specialties ?? [],
    appraisalCategories: profiles.appraiser?.categories ?? [],
  };
  return { ...document, ...flattened };
}

type ProfileKindField = 'lawyer' | 'mediator' | 'notary' | 'appraiser' | 'correctionOfficer';
const PROFILE_FIELD: Readonly<Record<ProfileKind, ProfileKindField>> = {
  lawyer: 'lawyer',
  mediator: 'mediator',
  notary: 'notary',
  appraiser: 'appraiser',
  'correction-officer': 'correctionOfficer',
};

function profilesOf(document: StaffMemberDocument): Pick<StaffMemberDocument, ProfileKindField> {
  const { lawyer, mediator, notary, appraiser, correctionOfficer } = document;
  return { lawyer, mediator, notary, appraiser, correctionOfficer };
}

export const staffProjection: Projection<StaffMemberDocument> = {
  name: 'directory.staff',
  version: 1,
  indexes: [
    // Pages in order, and region subtrees as one range of it (regionSubtree).
    { fields: { sortKey: 1 } },
    { fields: { orgId: 1, sortKey: 1 } },
    // Demo sign-in.
    { fields: { username: 1 } },
  ],
  canHandle: (event) => event.streamId.startsWith(STREAMS),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve(document, recorded) {
    const event = asDomainEvent<StaffMemberEvent>(recorded);
    const at = recorded.occurredAt;
    if (event.type === 'StaffMemberRegistered') {
      const { data } = event;
      const registered: StaffMemberDocument = {
        _id: data.userId,
        userId: data.userId,
        username: DEMO_USERNAMES.get(data.userId) ?? null,
        name: data.name,
        orgId: data.orgId,
        orgKind: data.orgKind,
        regionCode: data.orgRegionCode,
        regionPath: regionPathOf(data.orgRegionCode),
        roles: data.roles,
        lines: data.lines,
        phone: data.phone,
        employeeNo: data.employeeNo ?? null,
        active: true,
        deactivationReason: null,
        profileKinds: [],
        lawyer: null,
        mediator: null,
        notary: null,
        appraiser: null,
        correctionOfficer: null,
        lawyerSpecialties: [],
        criminalDefenceYears: null,
        disputeCategories: [],
        appraisalCategories: [],
        registeredAt: at,
        updatedAt: at,
        sortKey: staffSortKey(data.orgRegionCode, data.name),
      };
      return registered;
    }
    if (document === null) return null;
    switch (event.type) {
      case 'StaffMemberRolesChanged':
        return { ...document, roles: event.data.roles, updatedAt: at };
      case 'StaffMemberLinesChanged':
        return { ...document, lines: event.data.lines, updatedAt: at };
      case 'StaffMemberMovedToOrganisation': {
        const { data } = event;
        return {
          ...document,
          orgId: data.toOrgId,
          orgKind: data.orgKind,
          regionCode: data.orgRegionCode,
          regionPath: regionPathOf(data.orgRegionCode),
          roles: data.roles,
          lines: data.lines,
          // A lawyer's firm is always their current organisation.
          ...(document.lawyer ? { lawyer: { ...document.lawyer, firmOrgId: data.toOrgId } } : {}),
          updatedAt: at,
          sortKey: staffSortKey(data.orgRegionCode, document.name),
        };
      }
      case 'StaffMemberDeactivated':
        return { ...document, active: false, deactivationReason: event.data.reason, updatedAt: at };
      case 'LawyerProfileRecorded': {
        const { firmOrgId, licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases } = event.data;
        const lawyer = { firmOrgId, licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases };
        return { ...withProfiles(document, { ...profilesOf(document), lawyer }), updatedAt: at };
      }
      case 'MediatorProfileRecorded': {
        const mediator = { fullTime: event.data.fullTime, specialties: event.data.specialties };
        return { ...withProfiles(document, { ...profilesOf(document), mediator }), updatedAt: at };
      }
      case 'NotaryProfileRecorded':
        return { ...withProfiles(document, { ...profilesOf(document), notary: { licenceNo: event.data.licenceNo } }), updatedAt: at };
      case 'AppraiserProfileRecorded': {
        const appraiser = { categories: event.data.categories, seniority: event.data.seniority };
        return { ...withProfiles(document, { ...profilesOf(document), appraiser }), updatedAt: at };
      }
      case 'CorrectionOfficerProfileRecorded': {
        const correctionOfficer = { familiarWithMinors: event.data.familiarWithMinors, officerNo: event.data.officerNo ?? null };
        return { ...withProfiles(document, { ...profilesOf(document), correctionOfficer }), updatedAt: at };
      }
      case 'ProfessionalProfileEnded':
        return { ...withProfiles(document, { ...profilesOf(document), [PROFILE_FIELD[event.data.profile]]: null }), updatedAt: at };
      default:
        return ignoreUnknownEvent(event, document);
    }
  },
};
