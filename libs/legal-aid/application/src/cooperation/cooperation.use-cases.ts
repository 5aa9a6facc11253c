import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { paginate, type Filter, type Page, type PageRequest } from '@pls/event-sourcing';
import type { CooperationKind, CooperationResult } from '@pls/legal-aid-domain';
import { deterministicId, Forbidden, hasRole, NotFound, regionPrefix, type Caller } from '@pls/shared-kernel';
import type { CooperationRequestDocument } from '../read-models/cooperation/cooperation.projection';
import { assertActsForAgency } from '../shared/application-access';
import { ApplicationCommands } from '../shared/application-commands';
import { LegalAidStreams } from '../shared/legal-aid-streams';

export type CooperationDirection = 'incoming' | 'outgoing';

/**
 * 异地协作: the handling agency asks another region's agency to verify means or collect materials;
 * that agency answers from its queue; the answer shows on the application's history.
 */
@Injectable()
export class Cooperation {
  constructor(
    private readonly applications: ApplicationCommands,
    private readonly streams: LegalAidStreams,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  async request(caller: Caller, input: { applicationId: string; receivingAgencyOrgId: string; kind: CooperationKind; details: string }, commandId: string): Promise<CooperationRequestDocument> {
    const application = await this.applications.requireById(input.applicationId);
    assertActsForAgency(caller, application);
    const receiving = await this.directory.organisation(input.receivingAgencyOrgId);
    if (!receiving || receiving.closed) throw new NotFound('AGENCY_NOT_FOUND', `no open organisation ${input.receivingAgencyOrgId}`);
    const requestId = deterministicId('legal-aid.cooperation', commandId);
    await this.streams.sendCooperation(requestId, {
      type: 'RequestCooperation',
      data: {
        requestId,
        applicationId: application._id,
        applicationNo: application.applicationNo,
        priority: application.priority === 'green-channel' ? 'green-channel' : 'normal',
        requestingAgency: { orgId: application.agencyOrgId, regionCode: application.regionCode },
        receivingAgency: { orgId: receiving.orgId, regionCode: receiving.regionCode, kind: receiving.kind },
        kind: input.kind,
        details: input.details,
      },
      metadata: this.streams.metadata(caller, commandId, { regionCode: application.regionCode }),
    });
    return this.byId(requestId);
  }

  async answer(caller: Caller, input: { requestId: string; result: CooperationResult; notes: string }, commandId: string): Promise<CooperationRequestDocument> {
    if (!hasRole(caller, 'handler') || !caller.lines.includes('legal-aid')) throw new Forbidden('ROLE_NOT_ALLOWED', 'cooperation requests are answered by legal aid handlers');
    await this.streams.sendCooperation(input.requestId, { type: 'AnswerCooperation', data: { result: input.result, notes: input.notes }, metadata: this.streams.metadata(caller, commandId) });
    return this.byId(input.requestId);
  }

  /** Handlers: their agency's requests (incoming: to answer, green channel and soonest due first). Supervisors: their subtree's. */
  async queue(caller: Caller, input: { direction: CooperationDirection; openOnly: boolean }, page: PageRequest): Promise<Page<CooperationRequestDocument>> {
    const handler = hasRole(caller, 'handler') && caller.lines.includes('legal-aid');
    if (!handler && !hasRole(caller, 'supervisor', 'admin')) throw new Forbidden('ROLE_NOT_ALLOWED', 'cooperation requests are for legal aid handlers and supervisors');
    const incoming = input.direction === 'incoming';
    const scope: Filter = handler
      ? { [incoming ? 'receivingOrgId' : 'requestingOrgId']: caller.orgId }
      : { [incoming ? 'receivingRegionCode' : 'requestingRegionCode']: { $regex: `^${regionPrefix(caller.regionCode)}` } };
    const filter: Filter = input.openOnly ? { $and: [scope, { status: 'requested' }] } : scope;
    const order = input.openOnly ? { field: 'queueKey', direction: 1 as const } : { field: 'requestedAt', direction: -1 as const };
    return paginate(await this.streams.cooperationRequests(), filter, order, page);
  }

  private async byId(requestId: string): Promise<CooperationRequestDocument> {
    const found = await (await this.streams.cooperationRequests()).get(requestId);
    if (!found) throw new NotFound('COOPERATION_NOT_FOUND', `no cooperation request ${requestId}`);
    return found;
  }
}
