import { Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Args, Field, Int, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '@pls/event-sourcing';
import { MatterQueries } from '@pls/intake-application';
import { matterStreamId } from '@pls/intake-domain';
import { Allow, ConnectionOf, CurrentCaller, parseAuditReason, PersonalDataAudit, toConnection, type Caller, type PersonalDataField } from '@pls/shared-api';
import { Forbidden, InvalidInput, NotFound } from '@pls/shared-kernel';

export enum PersonalDataFieldEnum {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}
registerEnumType(PersonalDataFieldEnum, { name: 'PersonalDataField', description: 'A personal datum that is masked by default.' });

@ObjectType({ description: 'One unmasked personal datum, released after its read was audited.' })
export class UnmaskedValue {
  @Field() caseCode!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field({ description: 'ID number (or USCC for an organisation); phone (or the contact phone).' }) value!: string;
}

@ObjectType({ description: 'An audited read of unmasked personal data (PIPL): who, whose, which field, why.' })
export class PersonalDataReadEntry {
  @Field() readAt!: string;
  @Field() readerUserId!: string;
  @Field() readerOrgId!: string;
  @Field(() => [String]) readerRoles!: string[];
  @Field() subjectKind!: string;
  @Field() subjectRef!: string;
  @Field() subjectRegionCode!: string;
  @Field(() => PersonalDataFieldEnum) field!: PersonalDataFieldEnum;
  @Field() reason!: string;
}

export const PersonalDataReadConnection = ConnectionOf(PersonalDataReadEntry, 'PersonalDataRead');

interface RegisteredApplicant {
  readonly kind: 'person' | 'organisation';
  readonly idNumber?: string;
  readonly phone?: string;
  readonly uscc?: string;
  readonly contactPhone?: string;
}

/**
 * The only way to see an applicant's ID number or phone unmasked: clerks and supervisors who may see
 * the matter, with a stated reason. The read models hold masked values only; the raw value is read
 * from the matter's registration event, and the audit record is appended before it is released.
 */
@Resolver()
export class PersonalDataResolver {
  constructor(
    private readonly audit: PersonalDataAudit,
    private readonly moduleRef: ModuleRef,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Allow('clerk', 'supervisor')
  @Query(() => UnmaskedValue, { description: 'The applicant\'s ID number or phone, unmasked; every call is audited.' })
  async unmaskedApplicant(
    @CurrentCaller() caller: Caller,
    @Args('caseCode') caseCode: string,
    @Args('field', { type: () => PersonalDataFieldEnum }) field: PersonalDataFieldEnum,
    @Args('reason') reason: string,
  ): Promise<UnmaskedValue> {
    const checkedReason = parseAuditReason(reason);
    // caseFile parses the code and applies the row-level scope (organisation, region subtree).
    const matter = await this.moduleRef.get(MatterQueries, { strict: false }).caseFile(caller, caseCode);
    if (caller.orgId !== matter.receivingOrgId && caller.orgId !== matter.handlingOrgId && !caller.roles.includes('supervisor')) {
      throw new Forbidden('MATTER_OUTSIDE_SCOPE', 'only the receiving or handling organisation\'s clerks, or a supervisor, may read this matter\'s personal data');
    }
    const [registered] = await this.store.readStream(matterStreamId(matter._id), { maxCount: 1 });
    if (!registered || registered.type !== 'intake.MatterRegistered') throw new NotFound('MATTER_NOT_FOUND', 'the matter\'s registration is missing');
    const applicant = (registered.data as { applicant: RegisteredApplicant }).applicant;
    const value = field === PersonalDataFieldEnum.ID_NUMBER ? (applicant.kind === 'person' ? applicant.idNumber : applicant.uscc) : (applicant.kind === 'person' ? applicant.phone : applicant.contactPhone);
    if (!value) throw new InvalidInput('FIELD_NOT_RECORDED', 'the applicant has no such value recorded');
    await this.audit.record(caller, { subjectKind: 'matter-applicant', subjectRef: matter.caseCode, subjectRegionCode: matter.receivingRegionCode, field: field as PersonalDataField, reason: checkedReason });
    return { caseCode: matter.caseCode, field, value };
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
