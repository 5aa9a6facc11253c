import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import type { ReceiveApplication as ReceiveApplicationCommand } from '@pls/legal-aid-domain';
import { deterministicId, Forbidden, hasRole, NotFound, type Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { ApplicationCommands } from '../shared/application-commands';
import { applicationNumber, shanghaiYear } from './application-number';

export type ReceiveApplicationInput = Omit<ReceiveApplicationCommand['data'], 'applicationId' | 'applicationNo' | 'agencyOrgId' | 'agencyRegionCode' | 'source'> & {
  /** The agency's own number; generated when absent. */
  readonly applicationNo?: string | null;
};

/** 受理 at the agency's window (source direct): the caller's agency receives it. */
@Injectable()
export class ReceiveApplication {
  constructor(
    private readonly applications: ApplicationCommands,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  async execute(caller: Caller, input: ReceiveApplicationInput, commandId: string): Promise<LegalAidApplicationDocument> {
    if (!hasRole(caller, 'handler') || !caller.lines.includes('legal-aid')) throw new Forbidden('ROLE_NOT_ALLOWED', 'applications are received by legal aid handlers');
    // The application id follows from the command id: a retried receipt lands on the same stream.
    const applicationId = deterministicId('legal-aid.application', commandId);
    if (await this.applications.streamHasEvents(applicationId)) return this.applications.readAfterCatchUp(applicationId);
    const agency = await this.directory.organisation(caller.orgId);
    if (!agency || agency.closed || agency.kind !== 'legal-aid-agency') throw new NotFound('AGENCY_NOT_FOUND', `your organisation ${caller.orgId} is not an open legal aid agency`);
    const now = this.applications.clock.now().toISOString();
    const applicationNo = input.applicationNo || applicationNumber({ year: shanghaiYear(now), regionCode: agency.regionCode, agencyName: agency.name, serial: await this.applications.nextSerial() });
    return this.applications.sendAndRead(applicationId, {
      type: 'ReceiveApplication',
      data: { ...input, applicationId, applicationNo, agencyOrgId: agency.orgId, agencyRegionCode: agency.regionCode, source: { kind: 'direct' } },
      metadata: this.applications.metadata(caller, commandId, { regionCode: agency.regionCode }),
    });
  }
}
