import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { dutyOn, type CaseCategory, type ConsultationMatter, type GreenChannelGround, type HardshipExemptionInput } from '@pls/legal-aid-domain';
import { deterministicId, DomainRuleViolation, Forbidden, hasRole, NotFound, shanghaiDate, type Caller } from '@pls/shared-kernel';
import { ForwardApplication } from '../forward-application/forward-application.use-case';
import type { DutyConsultationView, DutyLawyerDocument, PleaWitnessingView } from '../read-models/duty-lawyers/duty-lawyers.projection';
import { LegalAidStreams } from '../shared/legal-aid-streams';

export interface ScheduleDutyInput {
  readonly lawyerUserId: string;
  readonly stationOrgId: string;
  /** Shanghai days, 'YYYY-MM-DD'. */
  readonly days: readonly string[];
}

export interface RecordDutyConsultationInput {
  readonly stationOrgId: string;
  readonly person: { readonly name: string; readonly idNumber?: string | null };
  readonly matter: ConsultationMatter;
  readonly advice: string;
  /** Referred to legal aid: the application the duty lawyer forwards for the person (Art. 39). */
  readonly referral?: {
    readonly applicant: { readonly name: string; readonly idNumber: string; readonly phone?: string | null };
    readonly category: CaseCategory;
    readonly means: { readonly declaredHardship: boolean; readonly exemption?: HardshipExemptionInput | null };
    readonly greenChannel?: readonly GreenChannelGround[];
    readonly charge?: string | null;
  } | null;
}

export interface WitnessPleaAgreementInput {
  readonly stationOrgId: string;
  readonly caseRef: string;
  readonly defendant: { readonly name: string; readonly idNumber: string };
  readonly witnessedOn: string;
}

export interface ConsultationRecorded {
  readonly consultation: DutyConsultationView;
  readonly referredApplicationNo: string | null;
}

/**
 * 值班律师 (法律援助法 Art. 30 (verify)): the agency schedules lawyers of its pool at courts,
 * procuratorates and detention centres; the lawyer on duty records consultations (referring people
 * to legal aid where they qualify) and witnesses plea agreements (认罪认罚具结书).
 */
@Injectable()
export class DutyLawyers {
  constructor(
    private readonly streams: LegalAidStreams,
    private readonly forwarding: ForwardApplication,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  async scheduleDuty(caller: Caller, input: ScheduleDutyInput, commandId: string): Promise<DutyLawyerDocument> {
    if (!hasRole(caller, 'handler') || !caller.lines.includes('legal-aid')) throw new Forbidden('ROLE_NOT_ALLOWED', 'duty rosters are made by legal aid agencies');
    const agency = await this.directory.organisation(caller.orgId);
    if (!agency || agency.closed || agency.kind !== 'legal-aid-agency') throw new Forbidden('ROLE_NOT_ALLOWED', 'duty rosters are made by legal aid agencies');
    const member = await this.directory.staffMember(input.lawyerUserId);
    if (!member?.lawyer) throw new NotFound('LAWYER_NOT_FOUND', `no lawyer ${input.lawyerUserId} in the directory`);
    const station = await this.directory.organisation(input.stationOrgId);
    if (!station || station.closed) throw new NotFound('STATION_NOT_FOUND', `no open organisation ${input.stationOrgId}`);
    await this.streams.sendDuty(member.userId, {
      type: 'ScheduleDuty',
      data: {
        dutyId: deterministicId('legal-aid.duty', commandId),
        lawyer: { lawyerId: member.userId, firmOrgId: member.orgId, firmRegionCode: member.regionCode, active: member.active },
        agency: { orgId: agency.orgId, regionCode: agency.regionCode },
        station: { orgId: station.orgId, kind: station.kind, regionCode: station.regionCode },
        days: input.days,
      },
      metadata: this.streams.metadata(caller, commandId, { regionCode: station.regionCode }),
    });
    return this.record(member.userId);
  }

  async recordConsultation(caller: Caller, input: RecordDutyConsultationInput, commandId: string): Promise<ConsultationRecorded> {
    await this.assertLawyer(caller);
    const consultationId = deterministicId('legal-aid.duty-consultation', commandId);
    const existing = (await this.streams.dutyLawyers().then((c) => c.get(caller.userId)))?.consultations.find((c) => c.consultationId === consultationId);
    if (existing) return { consultation: existing, referredApplicationNo: existing.referredApplicationId ? await this.forwarding.applicationNo(existing.referredApplicationId) : null };
    let referredApplicationId: string | null = null;
    let referredApplicationNo: string | null = null;
    if (input.referral) {
      // The person's application is forwarded first: a malformed one then leaves no consultation behind.
      await this.assertOnDutyToday(caller, input.stationOrgId);
      const { forwarder, agency } = await this.forwarding.forwarderAndAgency(caller, input.stationOrgId);
      const forwardCommandId = deterministicId('legal-aid.duty-referral', commandId);
      const application = await this.forwarding.receive(caller, deterministicId('legal-aid.application', forwardCommandId), { ...input.referral, requestedAt: this.streams.clock.now().toISOString() }, forwarder, agency, forwardCommandId);
      referredApplicationId = application._id;
      referredApplicationNo = application.applicationNo;
    }
    await this.streams.sendDuty(caller.userId, {
      type: 'RecordDutyConsultation',
      data: { consultationId, lawyerId: caller.userId, stationOrgId: input.stationOrgId, person: input.person, matter: input.matter, advice: input.advice, referredApplicationId },
      metadata: this.streams.metadata(caller, commandId),
    });
    const consultation = (await this.record(caller.userId)).consultations.find((c) => c.consultationId === consultationId) as DutyConsultationView;
    return { consultation, referredApplicationNo };
  }

  async witnessPleaAgreement(caller: Caller, input: WitnessPleaAgreementInput, commandId: string): Promise<PleaWitnessingView> {
    await this.assertLawyer(caller);
    const witnessingId = deterministicId('legal-aid.plea-witnessing', commandId);
    await this.streams.sendDuty(caller.userId, {
      type: 'WitnessPleaAgreement',
      data: { witnessingId, lawyerId: caller.userId, stationOrgId: input.stationOrgId, caseRef: input.caseRef, defendant: input.defendant, witnessedOn: input.witnessedOn },
      metadata: this.streams.metadata(caller, commandId),
    });
    return (await this.record(caller.userId)).witnessings.find((w) => w.witnessingId === witnessingId) as PleaWitnessingView;
  }

  private async assertLawyer(caller: Caller): Promise<void> {
    const member = hasRole(caller, 'handler') ? await this.directory.staffMember(caller.userId) : null;
    if (!member?.lawyer) throw new Forbidden('ROLE_NOT_ALLOWED', 'duty work is recorded by the duty lawyer');
  }

  private async assertOnDutyToday(caller: Caller, stationOrgId: string): Promise<void> {
    const today = shanghaiDate(this.streams.clock.now());
    const record = await (await this.streams.dutyLawyers()).get(caller.userId);
    if (!record || !dutyOn(record.shifts, stationOrgId, today)) throw new DomainRuleViolation('DUTY_LAWYER_NOT_ON_DUTY', `you are not on duty at ${stationOrgId} on ${today}`);
  }

  private async record(lawyerId: string): Promise<DutyLawyerDocument> {
    const found = await (await this.streams.dutyLawyers()).get(lawyerId);
    if (!found) throw new NotFound('DUTY_ROSTER_NOT_FOUND', `lawyer ${lawyerId} has no duty record`);
    return found;
  }
}
