import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { NOTIFYING_ORGAN_KINDS, type NotificationReason, type NotifyingOrganKind } from '@pls/legal-aid-domain';
import { deterministicId, Forbidden, hasRole, NotFound, type Caller } from '@pls/shared-kernel';
import { applicationNumber, shanghaiYear } from '../receive-application/application-number';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { ApplicationCommands } from '../shared/application-commands';

export interface NotifyDefenceInput {
  readonly defendant: { readonly name: string; readonly idNumber: string };
  readonly charge: string;
  readonly lifeOrDeathPossible: boolean;
  readonly reason: NotificationReason;
}

/**
 * 通知辩护 (Arts. 25, 28, 36): the caller's court, procuratorate or police notifies the legal aid
 * agency of its region, which must assign a lawyer within 3 days. The notice is the ground for aid.
 */
@Injectable()
export class NotifyDefence {
  constructor(
    private readonly applications: ApplicationCommands,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  async execute(caller: Caller, input: NotifyDefenceInput, commandId: string): Promise<LegalAidApplicationDocument> {
    if (!hasRole(caller, 'court', 'procuratorate', 'police')) throw new Forbidden('ROLE_NOT_ALLOWED', 'defence is notified by courts, procuratorates and police');
    const applicationId = deterministicId('legal-aid.application', commandId);
    if (await this.applications.streamHasEvents(applicationId)) return this.applications.readAfterCatchUp(applicationId);
    const organ = await this.directory.organisation(caller.orgId);
    if (!organ || organ.closed || !(NOTIFYING_ORGAN_KINDS as readonly string[]).includes(organ.kind)) {
      throw new NotFound('NOTIFYING_ORGAN_NOT_FOUND', `your organisation ${caller.orgId} is not an open court, procuratorate or police organ`);
    }
    const agency = await this.directory.defaultAgencyFor(organ.regionCode, 'legal-aid');
    if (!agency || agency.closed) throw new NotFound('NO_DEFAULT_AGENCY', `no legal aid agency serves region ${organ.regionCode}`);
    const now = this.applications.clock.now().toISOString();
    return this.applications.sendAndRead(applicationId, {
      type: 'ReceiveApplication',
      data: {
        applicationId,
        applicationNo: applicationNumber({ year: shanghaiYear(now), regionCode: agency.regionCode, agencyName: agency.name, serial: await this.applications.nextSerial(), notified: true }),
        agencyOrgId: agency.orgId,
        agencyRegionCode: agency.regionCode,
        source: { kind: 'notified-defence', notifyingOrgan: { orgId: organ.orgId, kind: organ.kind as NotifyingOrganKind }, reason: input.reason },
        applicant: { name: input.defendant.name, idNumber: input.defendant.idNumber, phone: null },
        category: { kind: 'criminal', lifeOrDeathPossible: input.lifeOrDeathPossible },
        adverseParty: null,
        charge: input.charge,
      },
      metadata: this.applications.metadata(caller, commandId, { regionCode: agency.regionCode }),
    });
  }
}
