import type {
  ChangeStaffLinesInput as ChangeStaffLines,
  ChangeStaffRolesInput as ChangeStaffRoles,
  CloseOrganisationInput as CloseOrganisation,
  DeactivateStaffMemberInput as DeactivateStaffMember,
  EndProfessionalProfileInput as EndProfessionalProfile,
  MoveStaffMemberInput as MoveStaffMember,
  RecordProfessionalProfileInput as RecordProfessionalProfile,
  RecordRegionPopulationInput as RecordRegionPopulation,
  RegisterOrganisationInput as RegisterOrganisation,
  RegisterStaffMemberInput as RegisterStaffMember,
  UpdateOrganisationInput as UpdateOrganisation,
} from '@pls/directory-application';
import type {
  ChangeStaffLinesInput,
  ChangeStaffRolesInput,
  CloseOrganisationInput,
  DeactivateStaffMemberInput,
  EndProfessionalProfileInput,
  MoveStaffMemberInput,
  RecordAppraiserProfileInput,
  RecordCorrectionOfficerProfileInput,
  RecordLawyerProfileInput,
  RecordMediatorProfileInput,
  RecordNotaryProfileInput,
  RecordRegionPopulationInput,
  RegisterOrganisationInput,
  RegisterStaffMemberInput,
  UpdateOrganisationInput,
} from '../graphql/mutation.inputs';
import { idInput, LIMITS, listInput, optionalId, optionalList, optionalText, regionCodeInput, requiredText } from './edge-input';

/** GraphQL inputs → use-case inputs, checked at the edge (see edge-input.ts). */

function jurisdiction(codes: readonly string[] | null | undefined): string[] | undefined {
  return optionalList(codes, 'jurisdiction', LIMITS.jurisdiction)?.map((code, index) => regionCodeInput(code, `jurisdiction[${index}]`));
}

export function parseRegisterOrganisation(input: RegisterOrganisationInput): RegisterOrganisation {
  return {
    name: requiredText(input.name, 'name', LIMITS.organisationName),
    kind: input.kind,
    regionCode: regionCodeInput(input.regionCode, 'regionCode'),
    parentOrgId: optionalId(input.parentOrgId, 'parentOrgId'),
    lines: listInput(input.lines, 'lines', LIMITS.lines),
    jurisdiction: jurisdiction(input.jurisdiction) ?? [],
    address: optionalText(input.address, 'address', LIMITS.address) ?? null,
    phone: optionalText(input.phone, 'phone', LIMITS.phone) ?? null,
  };
}

/** A name cannot be cleared, nor can lines or jurisdiction be "null": for those, null means unchanged. */
export function parseUpdateOrganisation(input: UpdateOrganisationInput): UpdateOrganisation {
  const name = input.name === undefined || input.name === null ? undefined : requiredText(input.name, 'name', LIMITS.organisationName);
  const phone = optionalText(input.phone, 'phone', LIMITS.phone);
  const address = optionalText(input.address, 'address', LIMITS.address);
  const lines = optionalList(input.lines, 'lines', LIMITS.lines);
  const codes = jurisdiction(input.jurisdiction);
  return {
    orgId: idInput(input.orgId, 'orgId'),
    ...(name === undefined ? {} : { name }),
    ...(phone === undefined ? {} : { phone }),
    ...(address === undefined ? {} : { address }),
    ...(lines === undefined ? {} : { lines }),
    ...(codes === undefined ? {} : { jurisdiction: codes }),
  };
}

export function parseCloseOrganisation(input: CloseOrganisationInput): CloseOrganisation {
  return { orgId: idInput(input.orgId, 'orgId'), reason: requiredText(input.reason, 'reason', LIMITS.reason) };
}

export function parseRegisterStaffMember(input: RegisterStaffMemberInput): RegisterStaffMember {
  return {
    userId: optionalId(input.userId, 'userId'),
    name: requiredText(input.name, 'name', LIMITS.personName),
    orgId: idInput(input.orgId, 'orgId'),
    roles: listInput(input.roles, 'roles', LIMITS.roles),
    lines: listInput(input.lines, 'lines', LIMITS.lines),
    phone: requiredText(input.phone, 'phone', LIMITS.phone),
    employeeNo: optionalText(input.employeeNo, 'employeeNo', LIMITS.employeeNo) ?? null,
  };
}

export function parseChangeStaffRoles(input: ChangeStaffRolesInput): ChangeStaffRoles {
  return { userId: idInput(input.userId, 'userId'), roles: listInput(input.roles, 'roles', LIMITS.roles) };
}

export function parseChangeStaffLines(input: ChangeStaffLinesInput): ChangeStaffLines {
  return { userId: idInput(input.userId, 'userId'), lines: listInput(input.lines, 'lines', LIMITS.lines) };
}

export function parseMoveStaffMember(input: MoveStaffMemberInput): MoveStaffMember {
  return {
    userId: idInput(input.userId, 'userId'),
    toOrgId: idInput(input.toOrgId, 'toOrgId'),
    roles: optionalList(input.roles, 'roles', LIMITS.roles) ?? null,
    lines: optionalList(input.lines, 'lines', LIMITS.lines) ?? null,
  };
}

export function parseDeactivateStaffMember(input: DeactivateStaffMemberInput): DeactivateStaffMember {
  return { userId: idInput(input.userId, 'userId'), reason: requiredText(input.reason, 'reason', LIMITS.reason) };
}

export function parseLawyerProfile(input: RecordLawyerProfileInput): RecordProfessionalProfile {
  const { licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases } = input;
  return {
    userId: idInput(input.userId, 'userId'),
    profile: {
      kind: 'lawyer',
      licenceNo: requiredText(licenceNo, 'licenceNo', LIMITS.licenceNo),
      practiceYears,
      criminalDefenceYears,
      specialties: listInput(specialties, 'specialties', LIMITS.categories),
      maxConcurrentCases,
    },
  };
}

export function parseMediatorProfile(input: RecordMediatorProfileInput): RecordProfessionalProfile {
  return { userId: idInput(input.userId, 'userId'), profile: { kind: 'mediator', fullTime: input.fullTime, specialties: listInput(input.specialties, 'specialties', LIMITS.categories) } };
}

export function parseNotaryProfile(input: RecordNotaryProfileInput): RecordProfessionalProfile {
  return { userId: idInput(input.userId, 'userId'), profile: { kind: 'notary', licenceNo: requiredText(input.licenceNo, 'licenceNo', LIMITS.licenceNo) } };
}

export function parseAppraiserProfile(input: RecordAppraiserProfileInput): RecordProfessionalProfile {
  return {
    userId: idInput(input.userId, 'userId'),
    profile: { kind: 'appraiser', categories: listInput(input.categories, 'categories', LIMITS.categories), seniority: input.seniority },
  };
}

export function parseCorrectionOfficerProfile(input: RecordCorrectionOfficerProfileInput): RecordProfessionalProfile {
  return {
    userId: idInput(input.userId, 'userId'),
    profile: { kind: 'correction-officer', familiarWithMinors: input.familiarWithMinors, officerNo: optionalText(input.officerNo, 'officerNo', LIMITS.officerNo) ?? null },
  };
}

export function parseEndProfessionalProfile(input: EndProfessionalProfileInput): EndProfessionalProfile {
  return { userId: idInput(input.userId, 'userId'), profile: input.profile, reason: requiredText(input.reason, 'reason', LIMITS.reason) };
}

export function parseRecordRegionPopulation(input: RecordRegionPopulationInput): RecordRegionPopulation {
  return {
    regionCode: regionCodeInput(input.regionCode, 'regionCode'),
    year: input.year,
    population: input.population,
    source: requiredText(input.source, 'source', LIMITS.source),
  };
}
