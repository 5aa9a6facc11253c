import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup, type OrganisationView } from '@pls/directory-contracts';
import { dutyOn, type CaseCategory, type ForwarderKind, type GreenChannelGround, type HardshipExemptionInput } from '@pls/legal-aid-domain';
import { deterministicId, DomainRuleViolation, Forbidden, hasRole, NotFound, shanghaiDate, type Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { applicationNumber, shanghaiYear } from '../receive-application/application-number';
import { ApplicationCommands } from '../shared/application-commands';
import { LegalAidStreams } from '../shared/legal-aid-streams';

export interface ForwardApplicationInput {
  /** Duty lawyers: the station they are on duty at today. Detention places: omitted (their own organisation). */
  readonly stationOrgId?: string | null;
  readonly applicant: { readonly name: string; readonly idNumber: string; readonly phone?: string | null };
  readonly category: CaseCategory;
  readonly means: { readonly declaredHardship: boolean; readonly exemption?: HardshipExemptionInput | null };
  readonly greenChannel?: readonly GreenChannelGround[];
  readonly charge?: string | null;
  /** When the detained person asked; the 24 hours of Art. 39 run from here. */
  readonly requestedAt: string;
}

const DETENTION_KINDS: readonly string[] = ['detention-centre', 'prison'];

/**
 * 转交申请 (法律援助法 Art. 39): a detention place (看守所, police or prison staff) or a duty lawyer
 * on duty forwards a detained person's application to the legal aid agency within 24 hours; the
 * agency receives it at once and the forwarding time is kept, late or not.
 */
@Injectable()
export class ForwardApplication {
  constructor(
    private readonly applications: ApplicationCommands,
    private readonly streams: LegalAidStreams,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  async execute(caller: Caller, input: ForwardApplicationInput, commandId: string): Promise<LegalAidApplicationDocument> {
    const applicationId = deterministicId('legal-aid.application', commandId);
    if (await this.applications.streamHasEvents(applicationId)) return this.applications.readAfterCatchUp(applicationId);
    const { forwarder, agency } = await this.forwarderAndAgency(caller, input.stationOrgId ?? null);
    return this.receive(caller, applicationId, input, forwarder, agency, commandId);
  }

  /** Also used by a duty consultation that refers the person to legal aid. */
  async forwarderAndAgency(caller: Caller, stationOrgId: string | null): Promise<{ forwarder: { orgId: string; kind: ForwarderKind }; agency: OrganisationView }> {
    if (hasRole(caller, 'police', 'prison')) {
      const place = await this.directory.organisation(caller.orgId);
      if (!place || place.closed || !DETENTION_KINDS.includes(place.kind)) throw new Forbidden('ROLE_NOT_ALLOWED', 'applications are forwarded by detention places (看守所) and duty lawyers');
      const agency = await this.directory.defaultAgencyFor(place.regionCode, 'legal-aid');
      if (!agency || agency.closed) throw new NotFound('NO_DEFAULT_AGENCY', `no legal aid agency serves region ${place.regionCode}`);
      return { forwarder: { orgId: place.orgId, kind: 'detention-place' }, agency };
    }
    const member = hasRole(caller, 'handler') ? await this.directory.staffMember(caller.userId) : null;
    if (!member?.lawyer) throw new Forbidden('ROLE_NOT_ALLOWED', 'applications are forwarded by detention places (看守所) and duty lawyers');
    if (!stationOrgId) throw new DomainRuleViolation('DUTY_LAWYER_NOT_ON_DUTY', 'a duty lawyer names the station they are on duty at');
    const today = shanghaiDate(this.streams.clock.now());
    const record = await (await this.streams.dutyLawyers()).get(caller.userId);
    const shift = record ? dutyOn(record.shifts, stationOrgId, today) : null;
    if (!shift) throw new DomainRuleViolation('DUTY_LAWYER_NOT_ON_DUTY', `you are not on duty at ${stationOrgId} on ${today}`);
    const agency = await this.directory.organisation(shift.agencyOrgId);
    if (!agency || agency.closed) throw new NotFound('AGENCY_NOT_FOUND', `the agency of your duty ${shift.agencyOrgId} is not open`);
    return { forwarder: { orgId: stationOrgId, kind: 'duty-lawyer' }, agency };
  }

  async applicationNo(applicationId: string): Promise<string> {
    return (await this.applications.readAfterCatchUp(applicationId)).applicationNo;
  }

  async receive(
    caller: Caller,
    applicationId: string,
    input: Omit<ForwardApplicationInput, 'stationOrgId'>,
    forwarder: { orgId: string; kind: ForwarderKind },
    agency: OrganisationView,
    commandId: string,
  ): Promise<LegalAidApplicationDocument> {
    if (await this.applications.streamHasEvents(applicationId)) return this.applications.readAfterCatchUp(applicationId);
    const now = this.applications.clock.now().toISOString();
    return this.applications.sendAndRead(applicationId, {
      type: 'ReceiveApplication',
      data: {
        applicationId,
        applicationNo: applicationNumber({ year: shanghaiYear(now), regionCode: agency.regionCode, agencyName: agency.name, serial: await this.applications.nextSerial() }),
        agencyOrgId: agency.orgId,
        agencyRegionCode: agency.regionCode,
        source: { kind: 'forwarded', forwarder, requestedAt: input.requestedAt, forwardedAt: now },
        applicant: input.applicant,
        category: input.category,
        adverseParty: null,
        means: input.means,
        greenChannel: input.greenChannel ?? [],
        charge: input.charge ?? null,
      },
      metadata: this.applications.metadata(caller, commandId, { regionCode: agency.regionCode }),
    });
  }
}
