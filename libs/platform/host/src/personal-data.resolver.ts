import { ModuleRef } from '@nestjs/core';
import { Args, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { UnmaskStaffPhone } from '@pls/directory-application';
import { UnmaskApplicant } from '@pls/intake-application';
import { UnmaskLegalAidApplicant } from '@pls/legal-aid-application';
import { UnmaskParty } from '@pls/mediation-application';
import { Allow, ConnectionOf, CurrentCaller, PersonalDataAudit, toConnection, type Caller } from '@pls/shared-api';

export enum PersonalDataFieldEnum {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}
registerEnumType(PersonalDataFieldEnum, { name: 'PersonalDataField', description: 'A personal datum that is masked by default.' });

@ObjectType({ description: 'A front-desk applicant\'s datum, released after its read was audited.' })
export class UnmaskedValue {
  @Field() caseCode!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field({ description: 'ID number (or USCC for an organisation); phone (or the contact phone).' }) value!: string;
}

@ObjectType({ description: 'A staff member\'s phone, released after its read was audited.' })
export class UnmaskedStaffPhone {
  @Field(() => ID) userId!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field() value!: string;
}

@ObjectType({ description: 'A mediation party\'s datum, released after its read was audited.' })
export class UnmaskedMediationParty {
  @Field() caseNo!: string;
  @Field() partyId!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field({ description: 'ID number (or USCC for an organisation); phone.' }) value!: string;
}

@ObjectType({ description: 'A legal-aid applicant\'s datum, released after its read was audited.' })
export class UnmaskedLegalAidApplicant {
  @Field() applicationNo!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field() value!: string;
}

@ObjectType({ description: 'An audited read of unmasked personal data (PIPL): who, whose, which field, why.' })
export class PersonalDataReadEntry {
  @Field() readAt!: string;
  @Field() readerUserId!: string;
  @Field() readerOrgId!: string;
  @Field(() => [String]) readerRoles!: string[];
  @Field({ description: 'matter-applicant | staff | mediation-party | legal-aid-applicant' }) subjectKind!: string;
  @Field({ description: 'Case code, staff id, `<mediation case no>/<party id>` or legal-aid application number.' }) subjectRef!: string;
  @Field() subjectRegionCode!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field() reason!: string;
  @Field({ description: 'The service whose store holds the record.' }) context!: string;
}

export const PersonalDataReadConnection = ConnectionOf(PersonalDataReadEntry, 'PersonalDataRead');

/**
 * Unmasked reads of personal data, and their audit trail. Each unmask is a use case of the context
 * that owns the datum (which checks who may, appends the audit record to its own store and only
 * then returns the value); this resolver only carries the call, so it works the same whether the
 * use case runs in this process or in the context's own service.
 */
@Resolver()
export class PersonalDataResolver {
  constructor(
    private readonly audit: PersonalDataAudit,
    private readonly moduleRef: ModuleRef,
  ) {}

  private useCase<T>(type: Type<T>): T {
    return this.moduleRef.get(type, { strict: false });
  }

  @Allow('clerk', 'handler', 'supervisor')
  @Query(() => UnmaskedValue, { description: 'A front-desk applicant\'s ID number or phone, unmasked: the receiving desk\'s clerks, the handling agency\'s handlers, supervisors over the region. Audited.' })
  async unmaskedApplicant(
    @CurrentCaller() caller: Caller,
    @Args('caseCode') caseCode: string,
    @Args('field', { type: () => PersonalDataFieldEnum }) field: PersonalDataFieldEnum,
    @Args('reason') reason: string,
  ): Promise<UnmaskedValue> {
    const read = await this.useCase(UnmaskApplicant).execute(caller, { caseCode, field, reason });
    return { ...read, field: read.field as PersonalDataFieldEnum };
  }

  @Allow('admin', 'supervisor')
  @Query(() => UnmaskedStaffPhone, { description: 'A staff member\'s phone, unmasked: admins, supervisors over the member\'s region. Audited.' })
  async unmaskedStaffPhone(@CurrentCaller() caller: Caller, @Args('userId', { type: () => ID }) userId: string, @Args('reason') reason: string): Promise<UnmaskedStaffPhone> {
    const read = await this.useCase(UnmaskStaffPhone).execute(caller, { userId, reason });
    return { ...read, field: PersonalDataFieldEnum.PHONE };
  }

  @Allow('handler', 'supervisor')
  @Query(() => UnmaskedMediationParty, { description: 'A mediation party\'s ID number or phone, unmasked: the committee\'s mediators, supervisors over its region. Audited.' })
  async unmaskedMediationParty(
    @CurrentCaller() caller: Caller,
    @Args('partyId') partyId: string,
    @Args('field', { type: () => PersonalDataFieldEnum }) field: PersonalDataFieldEnum,
    @Args('reason') reason: string,
    @Args('mediationId', { type: () => ID, nullable: true }) mediationId?: string | null,
    @Args('caseNo', { type: () => String, nullable: true }) caseNo?: string | null,
  ): Promise<UnmaskedMediationParty> {
    const read = await this.useCase(UnmaskParty).execute(caller, { mediationId, caseNo, partyId, field, reason });
    return { ...read, field: read.field as PersonalDataFieldEnum };
  }

  @Allow('handler', 'supervisor')
  @Query(() => UnmaskedLegalAidApplicant, { description: 'A legal-aid applicant\'s ID number or phone, unmasked: the agency\'s legal aid handlers, supervisors over its region. Audited.' })
  async unmaskedLegalAidApplicant(
    @CurrentCaller() caller: Caller,
    @Args('field', { type: () => PersonalDataFieldEnum }) field: PersonalDataFieldEnum,
    @Args('reason') reason: string,
    @Args('applicationId', { type: () => ID, nullable: true }) applicationId?: string | null,
    @Args('applicationNo', { type: () => String, nullable: true }) applicationNo?: string | null,
  ): Promise<UnmaskedLegalAidApplicant> {
    const read = await this.useCase(UnmaskLegalAidApplicant).execute(caller, { applicationId, applicationNo, field, reason });
    return { ...read, field: read.field as PersonalDataFieldEnum };
  }

  @Allow('supervisor', 'admin')
  @Query(() => PersonalDataReadConnection, { description: 'The personal-data audit trail of a region subtree (default: yours), oldest first.' })
  async personalDataAudit(
    @CurrentCaller() caller: Caller,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    const page = await this.audit.trail(caller, { regionCode, from, to, first, after });
    return toConnection(page, (read) => ({ ...read, readerRoles: [...read.readerRoles], field: read.field as PersonalDataFieldEnum }));
  }
}
