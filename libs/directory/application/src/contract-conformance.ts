import type * as Contracts from '@pls/directory-contracts';
import type * as Domain from '@pls/directory-domain';

/**
 * Compile-time proof that the published contracts say what the domain does: the vocabularies are
 * the same unions and every published event's data carries what its contract promises. A change
 * to either side that would break a consumer fails `tsc` here.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** One check per element: `false` is refused by the constraint (an intersection would hide it as `never`). */
type Holds<T extends true> = T;
type Carries<Event extends { readonly data: unknown }, Contract> = [Event['data']] extends [Contract] ? true : false;

type DirectoryEvent = Domain.OrganisationEvent | Domain.StaffMemberEvent | Domain.RegionEvent;
type PublishedType = (typeof Contracts.DIRECTORY_EVENT_TYPES)[keyof typeof Contracts.DIRECTORY_EVENT_TYPES];

export type ContractVocabularyMatchesDomain = [
  Holds<Equal<Contracts.BusinessLine, Domain.BusinessLine>>,
  Holds<Equal<Contracts.OrganisationKind, Domain.OrganisationKind>>,
  Holds<Equal<Contracts.StaffRole, Domain.StaffRole>>,
  Holds<Equal<Contracts.LawyerSpecialty, Domain.LawyerSpecialty>>,
  Holds<Equal<Contracts.ProfileKind, Domain.ProfileKind>>,
];

export type PublishedEventsMatchDomain = [
  Holds<Equal<`directory.${DirectoryEvent['type']}`, PublishedType>>,
  Holds<Carries<Domain.OrganisationRegistered, Contracts.OrganisationRegisteredV1>>,
  Holds<Carries<Domain.OrganisationUpdated, Contracts.OrganisationUpdatedV1>>,
  Holds<Carries<Domain.OrganisationClosed, Contracts.OrganisationClosedV1>>,
  Holds<Carries<Domain.StaffMemberRegistered, Contracts.StaffMemberRegisteredV1>>,
  Holds<Carries<Domain.StaffMemberRolesChanged, Contracts.StaffMemberRolesChangedV1>>,
  Holds<Carries<Domain.StaffMemberLinesChanged, Contracts.StaffMemberLinesChangedV1>>,
  Holds<Carries<Domain.StaffMemberMovedToOrganisation, Contracts.StaffMemberMovedToOrganisationV1>>,
  Holds<Carries<Domain.StaffMemberDeactivated, Contracts.StaffMemberDeactivatedV1>>,
  Holds<Carries<Domain.LawyerProfileRecorded, Contracts.LawyerProfileRecordedV1>>,
  Holds<Carries<Domain.ProfessionalProfileEnded, Contracts.ProfessionalProfileEndedV1>>,
  Holds<Carries<Domain.RegionPopulationRecorded, Contracts.RegionPopulationRecordedV1>>,
];
