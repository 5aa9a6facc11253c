/** Vocabulary of duty lawyers (值班律师), 法律援助法 Art. 30 (verify). */

/** Art. 30 (verify): duty lawyers sit at courts, procuratorates and detention centres (看守所). */
export const DUTY_STATION_KINDS = ['court', 'procuratorate', 'detention-centre'] as const;
export type DutyStationKind = (typeof DUTY_STATION_KINDS)[number];

/** What a duty consultation was about (法律咨询、程序选择建议、申请变更强制措施…), by matter. */
export const CONSULTATION_MATTERS = ['criminal', 'civil', 'administrative', 'state-compensation', 'labour', 'other'] as const;
export type ConsultationMatter = (typeof CONSULTATION_MATTERS)[number];

/** Longest roster one scheduling may cover: a month, so a typo in a date cannot book a year. */
export const MAX_DUTY_DAYS = 31;

export interface DutyShift {
  readonly dutyId: string;
  readonly agencyOrgId: string;
  readonly stationOrgId: string;
  readonly stationKind: DutyStationKind;
  readonly stationRegionCode: string;
  /** Shanghai days, 'YYYY-MM-DD', ascending. */
  readonly days: readonly string[];
}

/** The directory's facts about the lawyer, as the application resolved them. */
export interface DutyLawyerFacts {
  readonly lawyerId: string;
  readonly firmOrgId: string;
  readonly firmRegionCode: string;
  readonly active: boolean;
}

export interface DutyStationFacts {
  readonly orgId: string;
  /** The directory's organisation kind, any; the decider checks it is a duty station. */
  readonly kind: string;
  readonly regionCode: string;
}
