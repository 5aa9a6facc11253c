import { Injectable } from '@nestjs/common';
import type { BusinessLine, DirectoryLookup, LawyerFilter, LawyerView, OrganisationView, StaffMemberView } from '@pls/directory-contracts';
import { LAWYER_SPECIALTIES } from '@pls/directory-domain';
import { InvalidInput, padRegionCode } from '@pls/shared-kernel';
import { DirectoryReadModel } from '../read-models/directory-read-model';
import type { OrganisationDocument } from '../read-models/organisations/organisation.document';
import { populationFigureFor } from '../read-models/regions/region-population.document';
import type { StaffMemberDocument } from '../read-models/staff/staff-member.document';

const DEFAULT_LAWYER_LIMIT = 100;
const MAX_LAWYER_LIMIT = 500;

export function organisationView(document: OrganisationDocument): OrganisationView {
  return {
    orgId: document.orgId,
    name: document.name,
    kind: document.kind,
    regionCode: document.regionCode,
    level: document.level,
    lines: document.lines,
    jurisdiction: document.jurisdiction,
    parentOrgId: document.parentOrgId,
    closed: document.closed,
  };
}

function lawyerProfileView(document: StaffMemberDocument) {
  if (document.lawyer === null) return null;
  const { licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases } = document.lawyer;
  return { licenceNo, practiceYears, criminalDefenceYears, specialties, maxConcurrentCases };
}

export function staffMemberView(document: StaffMemberDocument): StaffMemberView {
  return {
    userId: document.userId,
    name: document.name,
    orgId: document.orgId,
    regionCode: document.regionCode,
    roles: document.roles,
    lines: document.lines,
    phone: document.phone,
    active: document.active,
    profiles: document.profileKinds,
    lawyer: lawyerProfileView(document),
  };
}

/** `DIRECTORY_LOOKUP` for the contexts running in this process, answered from the read models. */
@Injectable()
export class DirectoryLookupService implements DirectoryLookup {
  constructor(private readonly readModel: DirectoryReadModel) {}

  async organisation(orgId: string): Promise<OrganisationView | null> {
    const document = await this.readModel.organisation(orgId);
    return document && organisationView(document);
  }

  async defaultAgencyFor(regionCode: string, line: BusinessLine): Promise<OrganisationView | null> {
    const document = await this.readModel.defaultAgency(padRegionCode(regionCode), line);
    return document && organisationView(document);
  }

  async staffMember(userId: string): Promise<StaffMemberView | null> {
    const document = await this.readModel.staffMember(userId);
    return document && staffMemberView(document);
  }

  async population(regionCode: string, year: number): Promise<number | null> {
    if (!Number.isInteger(year)) throw new InvalidInput('POPULATION_YEAR_INVALID', `a year is a whole number, got ${JSON.stringify(year)}`);
    return populationFigureFor(await this.readModel.regionPopulation(regionCode), year)?.population ?? null;
  }

  async lawyers(filter: LawyerFilter): Promise<LawyerView[]> {
    const limit = filter.limit ?? DEFAULT_LAWYER_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LAWYER_LIMIT) {
      throw new InvalidInput('LAWYER_LIMIT_INVALID', `limit must be a whole number from 1 to ${MAX_LAWYER_LIMIT}`);
    }
    for (const specialty of filter.specialties ?? []) {
      if (!LAWYER_SPECIALTIES.includes(specialty)) throw new InvalidInput('LAWYER_SPECIALTY_UNKNOWN', `unknown lawyer specialty ${JSON.stringify(specialty)}`);
    }
    const documents = await this.readModel.listStaff(
      {
        scope: filter.regionCode ? padRegionCode(filter.regionCode) : null,
        orgId: filter.orgId ?? null,
        profile: 'lawyer',
        specialties: filter.specialties ?? null,
        minCriminalDefenceYears: filter.minCriminalDefenceYears ?? null,
      },
      limit,
    );
    return documents.flatMap((document) => {
      const profile = lawyerProfileView(document);
      if (profile === null) return [];
      return [{ ...profile, userId: document.userId, name: document.name, orgId: document.orgId, regionCode: document.regionCode, phone: document.phone }];
    });
  }
}
