import type { Command } from '@pls/event-sourcing';
import type { ConsultationMatter, DutyLawyerFacts, DutyStationFacts } from './duty-lawyer.types';

/** Commands of the DutyLawyer aggregate (stream `legal-aid.dutylawyer-<lawyerUserId>`): one lawyer's roster and duty record. */

/** 排班: the agency schedules the lawyer from its pool at a station for some days. */
export type ScheduleDuty = Command<
  'ScheduleDuty',
  {
    readonly dutyId: string;
    readonly lawyer: DutyLawyerFacts;
    readonly agency: { readonly orgId: string; readonly regionCode: string };
    readonly station: DutyStationFacts;
    readonly days: readonly string[];
  }
>;

/** 值班咨询, recorded by the lawyer on duty. `referredApplicationId`: the forwarded legal aid application, when referred. */
export type RecordDutyConsultation = Command<
  'RecordDutyConsultation',
  {
    readonly consultationId: string;
    readonly lawyerId: string;
    readonly stationOrgId: string;
    readonly person: { readonly name: string; readonly idNumber?: string | null };
    readonly matter: ConsultationMatter;
    readonly advice: string;
    readonly referredApplicationId?: string | null;
  }
>;

/** 认罪认罚具结书见证: the duty lawyer witnesses a defendant signing the plea agreement. */
export type WitnessPleaAgreement = Command<
  'WitnessPleaAgreement',
  {
    readonly witnessingId: string;
    readonly lawyerId: string;
    readonly stationOrgId: string;
    /** The procuratorate's case number (案号). */
    readonly caseRef: string;
    readonly defendant: { readonly name: string; readonly idNumber: string };
    readonly witnessedOn: string;
  }
>;

export type DutyLawyerCommand = ScheduleDuty | RecordDutyConsultation | WitnessPleaAgreement;
