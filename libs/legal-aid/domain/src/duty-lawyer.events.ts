import type { DomainEvent } from '@pls/event-sourcing';
import type { StaffRef } from './application.types';
import type { ConsultationMatter, DutyStationKind } from './duty-lawyer.types';

/** Events of the DutyLawyer aggregate, stored as `legal-aid.<Type>`, schema version 1. */

export type DutyScheduled = DomainEvent<
  'DutyScheduled',
  {
    readonly dutyId: string;
    readonly lawyerId: string;
    readonly firmOrgId: string;
    readonly agencyOrgId: string;
    readonly agencyRegionCode: string;
    readonly station: { readonly orgId: string; readonly kind: DutyStationKind; readonly regionCode: string };
    readonly days: readonly string[];
    readonly scheduledAt: string;
    readonly scheduledBy: StaffRef;
  }
>;

export type DutyConsultationRecorded = DomainEvent<
  'DutyConsultationRecorded',
  {
    readonly consultationId: string;
    readonly dutyId: string;
    readonly lawyerId: string;
    readonly stationOrgId: string;
    readonly stationRegionCode: string;
    readonly agencyOrgId: string;
    readonly day: string;
    readonly at: string;
    /** ID number as given (GB 11643 checked); masked in every view. */
    readonly person: { readonly name: string; readonly idNumber: string | null };
    readonly matter: ConsultationMatter;
    readonly advice: string;
    readonly referredApplicationId: string | null;
  }
>;

export type PleaAgreementWitnessed = DomainEvent<
  'PleaAgreementWitnessed',
  {
    readonly witnessingId: string;
    readonly dutyId: string;
    readonly lawyerId: string;
    readonly stationOrgId: string;
    readonly stationRegionCode: string;
    readonly agencyOrgId: string;
    readonly caseRef: string;
    readonly defendant: { readonly name: string; readonly idNumber: string };
    readonly witnessedOn: string;
    readonly recordedAt: string;
  }
>;

export type DutyLawyerEvent = DutyScheduled | DutyConsultationRecorded | PleaAgreementWitnessed;
export type DutyLawyerEventType = DutyLawyerEvent['type'];
export const DUTY_LAWYER_EVENT_TYPES: readonly DutyLawyerEventType[] = ['DutyScheduled', 'DutyConsultationRecorded', 'PleaAgreementWitnessed'];
