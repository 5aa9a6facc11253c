import { isWithin } from '@pls/shared-kernel';
import { DUTY_STATION_KINDS, type DutyLawyerFacts, type DutyShift, type DutyStationKind } from './duty-lawyer.types';

// 法律援助法 Art. 30 (verify): duty lawyers are placed at courts, procuratorates and detention centres.
export const stationIsDutyStation = (kind: string): kind is DutyStationKind => (DUTY_STATION_KINDS as readonly string[]).includes(kind);

// Art. 30 (verify): the agency places lawyers at stations within its own region.
export const stationWithinAgencyRegion = (stationRegionCode: string, agencyRegionCode: string): boolean => isWithin(stationRegionCode, agencyRegionCode);

// Art. 30 (verify): the agency places lawyers of its own pool (firms registered in its region).
export const lawyerInAgencyPool = (lawyer: DutyLawyerFacts, agencyRegionCode: string): boolean => isWithin(lawyer.firmRegionCode, agencyRegionCode);

// A roster is made for days to come: a past day cannot be staffed any more.
export const dutyDaysNotInPast = (days: readonly string[], today: string): boolean => days.every((day) => day >= today);

// One lawyer cannot sit at two stations (or twice at one) on the same day.
export const lawyerNotAlreadyOnDuty = (shifts: readonly DutyShift[], days: readonly string[]): boolean => !shifts.some((shift) => shift.days.some((day) => days.includes(day)));

// Consultations and witnessings are the acts of the lawyer on duty that day at that station.
export const dutyOn = <S extends Pick<DutyShift, 'stationOrgId' | 'days'>>(shifts: readonly S[], stationOrgId: string, day: string): S | null =>
  shifts.find((shift) => shift.stationOrgId === stationOrgId && shift.days.includes(day)) ?? null;

// 认罪认罚具结书 is witnessed when signed: a witnessing cannot be recorded ahead of the day.
export const witnessedDayNotInFuture = (witnessedOn: string, today: string): boolean => witnessedOn <= today;
