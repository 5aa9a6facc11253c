import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DutyLawyers, DutyQueries, type DutyLawyerDocument } from '@pls/legal-aid-application';
import type { ConsultationMatter, GreenChannelGround } from '@pls/legal-aid-domain';
import { Allow, commandIdFrom, CurrentCaller, type Caller } from '@pls/shared-api';
import {
  DutyConsultationRecorded,
  DutyLawyerRecord,
  DutyRoster,
  DutyStationActivity,
  PleaWitnessingView,
  RecordDutyConsultationInput,
  ScheduleDutyInput,
  WitnessPleaAgreementInput,
} from './legal-aid-duty.graphql';
import { toCategory, toExemption } from './legal-aid.resolver';

const STAFF = ['handler', 'supervisor', 'admin'] as const;
const STATIONS = ['court', 'procuratorate', 'police'] as const;

/** 值班律师 over GraphQL: rosters by the agency, consultations and witnessings by the lawyer on duty. */
@Resolver()
export class LegalAidDutyResolver {
  constructor(
    private readonly duty: DutyLawyers,
    private readonly queries: DutyQueries,
  ) {}

  @Allow('handler')
  @Mutation(() => DutyLawyerRecord, { description: '值班律师排班 by your legal aid agency: a lawyer of your pool, a court / procuratorate / detention centre of your region, days from today.' })
  async scheduleDuty(@CurrentCaller() caller: Caller, @Args('input') input: ScheduleDutyInput): Promise<DutyLawyerRecord> {
    return toRecord(await this.duty.scheduleDuty(caller, { lawyerUserId: input.lawyerUserId, stationOrgId: input.stationOrgId, days: input.days }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => DutyConsultationRecorded, { description: '值班咨询, by the lawyer on duty there today; with a referral the application is forwarded to the agency (Art. 39).' })
  async recordDutyConsultation(@CurrentCaller() caller: Caller, @Args('input') input: RecordDutyConsultationInput): Promise<DutyConsultationRecorded> {
    const recorded = await this.duty.recordConsultation(
      caller,
      {
        stationOrgId: input.stationOrgId,
        person: { name: input.person.name, idNumber: input.person.idNumber ?? null },
        matter: input.matter as unknown as ConsultationMatter,
        advice: input.advice,
        referral: input.referral
          ? {
              applicant: { name: input.referral.applicant.name, idNumber: input.referral.applicant.idNumber, phone: input.referral.applicant.phone ?? null },
              category: toCategory(input.referral.category),
              means: { declaredHardship: input.referral.means.declaredHardship, exemption: toExemption(input.referral.means) },
              greenChannel: (input.referral.greenChannel ?? []) as unknown as GreenChannelGround[],
              charge: input.referral.charge ?? null,
            }
          : null,
      },
      commandIdFrom(input.commandId),
    );
    return { consultation: { ...recorded.consultation, lawyerId: caller.userId }, referredApplicationNo: recorded.referredApplicationNo };
  }

  @Allow('handler')
  @Mutation(() => PleaWitnessingView, { description: '认罪认罚具结书见证, by the lawyer on duty at that station that day.' })
  async witnessPleaAgreement(@CurrentCaller() caller: Caller, @Args('input') input: WitnessPleaAgreementInput): Promise<PleaWitnessingView> {
    const witnessing = await this.duty.witnessPleaAgreement(
      caller,
      { stationOrgId: input.stationOrgId, caseRef: input.caseRef, defendant: { name: input.defendant.name, idNumber: input.defendant.idNumber ?? '' }, witnessedOn: input.witnessedOn },
      commandIdFrom(input.commandId),
    );
    return { ...witnessing, lawyerId: caller.userId };
  }

  @Allow(...STAFF, ...STATIONS)
  @Query(() => DutyRoster, { description: 'Who is on duty at a station on a day: legal aid staff of its region, or the station itself.' })
  dutyRoster(@CurrentCaller() caller: Caller, @Args('stationOrgId', { type: () => ID }) stationOrgId: string, @Args('day') day: string): Promise<DutyRoster> {
    return this.queries.roster(caller, { stationOrgId, day }) as Promise<DutyRoster>;
  }

  @Allow(...STAFF)
  @Query(() => DutyLawyerRecord, { description: "A duty lawyer's record: yours by default; the scheduling agency's handlers and supervisors over its stations may read others'." })
  async dutyLawyerRecord(@CurrentCaller() caller: Caller, @Args('lawyerUserId', { type: () => ID, nullable: true }) lawyerUserId: string | null): Promise<DutyLawyerRecord> {
    return toRecord(await this.queries.lawyerRecord(caller, { lawyerUserId }));
  }

  @Allow(...STAFF, ...STATIONS)
  @Query(() => DutyStationActivity, { description: "A station's consultations and witnessings over [from, to] (Shanghai days), with counts." })
  dutyStationActivity(@CurrentCaller() caller: Caller, @Args('stationOrgId', { type: () => ID }) stationOrgId: string, @Args('from') from: string, @Args('to') to: string): Promise<DutyStationActivity> {
    return this.queries.stationActivity(caller, { stationOrgId, from, to }) as unknown as Promise<DutyStationActivity>;
  }
}

function toRecord(document: DutyLawyerDocument): DutyLawyerRecord {
  return {
    lawyerId: document.lawyerId,
    firmOrgId: document.firmOrgId,
    shifts: document.shifts.map((shift) => ({ ...shift, days: [...shift.days] })),
    consultations: document.consultations.map((consultation) => ({ ...consultation, lawyerId: document.lawyerId })),
    witnessings: document.witnessings.map((witnessing) => ({ ...witnessing, lawyerId: document.lawyerId })),
  };
}
