import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_CONTEXT, staffMemberStreamId } from '@pls/directory-domain';
import { appendPersonalDataRead, CLOCK, EVENT_STORE, parseAuditReason, type EventStore } from '@pls/event-sourcing';
import { Forbidden, hasRole, InvalidInput, NotFound, type Caller, type Clock } from '@pls/shared-kernel';
import { mayReadStaffPhone } from '../access/directory-access.policy';
import { DirectoryReadModel } from '../read-models/directory-read-model';

export interface UnmaskStaffPhoneInput {
  readonly userId: string;
  readonly reason: string;
}

export interface UnmaskedStaffPhone {
  readonly userId: string;
  readonly field: 'PHONE';
  readonly value: string;
}

/**
 * A colleague's phone, unmasked. Staff lists mask every phone but the viewer's own; this is the one
 * way to read another member's, and it appends the audit record to the directory's own store
 * before the number is returned (read from the member's registration event, not the view).
 */
@Injectable()
export class UnmaskStaffPhone {
  constructor(
    private readonly readModel: DirectoryReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: UnmaskStaffPhoneInput): Promise<UnmaskedStaffPhone> {
    const reason = parseAuditReason(input?.reason);
    if (!hasRole(caller, 'admin', 'supervisor')) throw new Forbidden('ROLE_NOT_ALLOWED', 'unmasking a staff phone is for admins and supervisors');
    if (typeof input.userId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(input.userId)) throw new InvalidInput('ID_INVALID', 'userId is not a staff id');
    const member = await this.readModel.staffMember(input.userId);
    if (!member) throw new NotFound('STAFF_MEMBER_NOT_FOUND', `no staff member ${input.userId}`);
    if (!mayReadStaffPhone(caller, member)) throw new Forbidden('OUTSIDE_REGION_SCOPE', 'this staff member lies outside your region scope');
    const [registered] = await this.store.readStream(staffMemberStreamId(member.userId), { maxCount: 1 });
    const phone = registered?.type === `${DIRECTORY_CONTEXT}.StaffMemberRegistered` ? (registered.data as { phone?: string }).phone : undefined;
    if (!phone) throw new NotFound('STAFF_MEMBER_NOT_FOUND', 'the staff member\'s registration is missing');
    await appendPersonalDataRead(this.store, this.clock, DIRECTORY_CONTEXT, caller, { subjectKind: 'staff', subjectRef: member.userId, subjectRegionCode: member.regionCode, field: 'PHONE', reason });
    return { userId: member.userId, field: 'PHONE', value: phone };
  }
}
