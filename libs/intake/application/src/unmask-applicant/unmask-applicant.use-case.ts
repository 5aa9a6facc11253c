import { Inject, Injectable } from '@nestjs/common';
import { appendPersonalDataRead, CLOCK, EVENT_STORE, parseAuditReason, parsePersonalDataField, type EventStore, type PersonalDataField } from '@pls/event-sourcing';
import { MATTER_CONTEXT, matterStreamId } from '@pls/intake-domain';
import { Forbidden, hasRole, InvalidInput, isWithin, NotFound, type Caller, type Clock } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { MatterCommands } from '../shared/matter-commands';

export interface UnmaskApplicantInput {
  readonly caseCode: string;
  readonly field: PersonalDataField;
  readonly reason: string;
}

export interface UnmaskedApplicant {
  readonly caseCode: string;
  readonly field: PersonalDataField;
  readonly value: string;
}

interface RegisteredApplicant {
  readonly kind: 'person' | 'organisation';
  readonly idNumber?: string;
  readonly phone?: string;
  readonly uscc?: string;
  readonly contactPhone?: string;
}

// 个人信息保护法 Art. 6 and 等保2.0 三级 (least privilege): only the desk that received the matter, the agency handling it and the supervisors over its region.
export function mayUnmaskMatterApplicant(caller: Caller, matter: Pick<MatterDocument, 'receivingOrgId' | 'handlingOrgId' | 'receivingRegionCode' | 'handlingRegionCode'>): boolean {
  if (hasRole(caller, 'clerk') && caller.orgId === matter.receivingOrgId) return true;
  if (hasRole(caller, 'handler') && matter.handlingOrgId !== null && caller.orgId === matter.handlingOrgId) return true;
  return hasRole(caller, 'supervisor') && (isWithin(matter.receivingRegionCode, caller.regionCode) || (matter.handlingRegionCode !== null && isWithin(matter.handlingRegionCode, caller.regionCode)));
}

/**
 * The only way to see a front-desk applicant's ID number or phone unmasked. The read model holds
 * masked values only: the raw value comes from the matter's registration event in intake's own
 * store, and the audit record is appended there BEFORE the value is returned.
 */
@Injectable()
export class UnmaskApplicant {
  constructor(
    private readonly matters: MatterCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: UnmaskApplicantInput): Promise<UnmaskedApplicant> {
    const field = parsePersonalDataField(input?.field);
    const reason = parseAuditReason(input?.reason);
    if (!hasRole(caller, 'clerk', 'handler', 'supervisor')) throw new Forbidden('ROLE_NOT_ALLOWED', 'unmasking an applicant is for the desk\'s clerks, the agency\'s handlers and supervisors');
    const matter = await this.matters.requireByCaseCode(input.caseCode);
    if (!mayUnmaskMatterApplicant(caller, matter)) {
      throw new Forbidden('MATTER_OUTSIDE_SCOPE', 'only the receiving desk\'s clerks, the handling agency\'s handlers or a supervisor over its region may read this applicant\'s personal data');
    }
    const [registered] = await this.store.readStream(matterStreamId(matter._id), { maxCount: 1 });
    if (!registered || registered.type !== `${MATTER_CONTEXT}.MatterRegistered`) throw new NotFound('MATTER_NOT_FOUND', 'the matter\'s registration is missing');
    const applicant = (registered.data as { applicant: RegisteredApplicant }).applicant;
    const value = field === 'ID_NUMBER' ? (applicant.kind === 'person' ? applicant.idNumber : applicant.uscc) : applicant.kind === 'person' ? applicant.phone : applicant.contactPhone;
    if (!value) throw new InvalidInput('FIELD_NOT_RECORDED', 'the applicant has no such value recorded');
    await appendPersonalDataRead(this.store, this.clock, MATTER_CONTEXT, caller, { subjectKind: 'matter-applicant', subjectRef: matter.caseCode, subjectRegionCode: matter.receivingRegionCode, field, reason });
    return { caseCode: matter.caseCode, field, value };
  }
}
