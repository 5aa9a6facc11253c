import { Inject, Injectable } from '@nestjs/common';
import { appendPersonalDataRead, CLOCK, EVENT_STORE, parseAuditReason, parsePersonalDataField, type EventStore, type PersonalDataField } from '@pls/event-sourcing';
import { APPLICATION_CONTEXT, applicationStreamId, type Applicant } from '@pls/legal-aid-domain';
import { Forbidden, hasRole, InvalidInput, isWithin, NotFound, type Caller, type Clock } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { ApplicationQueries } from '../read-models/applications/application-queries';

export interface UnmaskLegalAidApplicantInput {
  /** The application's id or its 援助申请编号. */
  readonly applicationId?: string | null;
  readonly applicationNo?: string | null;
  readonly field: PersonalDataField;
  readonly reason: string;
}

export interface UnmaskedLegalAidApplicant {
  readonly applicationNo: string;
  readonly field: PersonalDataField;
  readonly value: string;
}

// 法律援助法 Art. 21 (confidentiality of what the agency learns) and 个人信息保护法 Art. 6: the agency's own legal aid handlers and the supervisors over its region.
export function mayUnmaskLegalAidApplicant(caller: Caller, application: Pick<LegalAidApplicationDocument, 'agencyOrgId' | 'regionCode'>): boolean {
  if (hasRole(caller, 'handler') && caller.lines.includes('legal-aid') && caller.orgId === application.agencyOrgId) return true;
  return hasRole(caller, 'supervisor') && isWithin(application.regionCode, caller.regionCode);
}

/**
 * A legal-aid applicant's ID number or phone, unmasked. The application view holds masked values
 * only: the raw value comes from the application's receipt event, and the audit record is appended
 * to legal aid's own store BEFORE the value is returned.
 */
@Injectable()
export class UnmaskLegalAidApplicant {
  constructor(
    private readonly queries: ApplicationQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: UnmaskLegalAidApplicantInput): Promise<UnmaskedLegalAidApplicant> {
    const field = parsePersonalDataField(input?.field);
    const reason = parseAuditReason(input?.reason);
    if (!hasRole(caller, 'handler', 'supervisor')) throw new Forbidden('ROLE_NOT_ALLOWED', 'unmasking a legal aid applicant is for the agency\'s handlers and supervisors');
    const application = await this.queries.application(caller, { id: input.applicationId ?? null, applicationNo: input.applicationNo ?? null });
    if (!mayUnmaskLegalAidApplicant(caller, application)) {
      throw new Forbidden('APPLICATION_OUTSIDE_AGENCY', 'only the agency\'s legal aid handlers or a supervisor over its region may read this applicant\'s personal data');
    }
    const [received] = await this.store.readStream(applicationStreamId(application._id), { maxCount: 1 });
    if (!received || received.type !== `${APPLICATION_CONTEXT}.ApplicationReceived`) throw new NotFound('APPLICATION_NOT_FOUND', 'the application\'s receipt is missing');
    const applicant = (received.data as { applicant: Applicant }).applicant;
    const value = field === 'ID_NUMBER' ? applicant.idNumber : applicant.phone;
    if (!value) throw new InvalidInput('FIELD_NOT_RECORDED', 'the applicant has no such value recorded');
    await appendPersonalDataRead(this.store, this.clock, APPLICATION_CONTEXT, caller, {
      subjectKind: 'legal-aid-applicant',
      subjectRef: application.applicationNo,
      subjectRegionCode: application.regionCode,
      field,
      reason,
    });
    return { applicationNo: application.applicationNo, field, value };
  }
}
