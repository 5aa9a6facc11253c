import { unreachable, type Decider } from '@pls/event-sourcing';
import { atField, isDay, parseResidentIdNumber, shanghaiDate } from '@pls/shared-kernel';
import type { DutyLawyerCommand, RecordDutyConsultation, ScheduleDuty, WitnessPleaAgreement } from './duty-lawyer.commands';
import type { DutyLawyerEvent } from './duty-lawyer.events';
import { invalid, notFound, refuse } from './application.refusals';
import { dutyDaysNotInPast, dutyOn, lawyerInAgencyPool, lawyerNotAlreadyOnDuty, stationIsDutyStation, stationWithinAgencyRegion, witnessedDayNotInFuture } from './duty-lawyer.rules';
import { CONSULTATION_MATTERS, MAX_DUTY_DAYS, type DutyShift } from './duty-lawyer.types';
import * as input from './application.validation';

/** One lawyer's duty roster (值班安排) and record; consultations and witnessings are facts on it, not state. */
export type DutyLawyerState = { readonly status: 'none' } | { readonly status: 'on-roster'; readonly lawyerId: string; readonly shifts: readonly DutyShift[] };

export const initialDutyLawyerState: DutyLawyerState = { status: 'none' };

export type DutyLawyerDecider = Decider<DutyLawyerCommand, DutyLawyerEvent, DutyLawyerState>;

const dutyId = (value: unknown, field: string): string => input.identifier(value, 'DUTY_ID_INVALID', field);

function day(value: unknown, field: string): string {
  if (!isDay(value)) throw invalid('DAY_INVALID', `${field} must be a real 'YYYY-MM-DD' date, got ${JSON.stringify(value)}`, { field });
  return value;
}

function days(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_DUTY_DAYS || !value.every((candidate) => isDay(candidate))) {
    throw invalid('DUTY_DAYS_INVALID', `days must list 1 to ${MAX_DUTY_DAYS} real 'YYYY-MM-DD' dates`, { field: 'days' });
  }
  return [...new Set(value as string[])].sort();
}

function onRoster(state: DutyLawyerState, lawyerId: string): Extract<DutyLawyerState, { status: 'on-roster' }> {
  if (state.status === 'none') throw notFound('DUTY_ROSTER_NOT_FOUND', `lawyer ${lawyerId} was never scheduled for duty`);
  if (state.lawyerId !== lawyerId) throw refuse('DUTY_ROSTER_OF_ANOTHER_LAWYER', `this roster is lawyer ${state.lawyerId}'s`);
  return state;
}

/** The duty lawyer decider (值班律师). Pure: today is the Shanghai day of `metadata.now`. */
export function dutyLawyerDecider(): DutyLawyerDecider {
  function schedule(command: ScheduleDuty, state: DutyLawyerState, now: string, today: string): DutyLawyerEvent[] {
    const { data } = command;
    const id = dutyId(data.dutyId, 'dutyId');
    const lawyerId = input.identifier(data.lawyer?.lawyerId, 'LAWYER_INVALID', 'lawyer.lawyerId');
    const firmOrgId = input.identifier(data.lawyer?.firmOrgId, 'LAWYER_INVALID', 'lawyer.firmOrgId');
    const firmRegionCode = input.regionCode(data.lawyer?.firmRegionCode, 'lawyer.firmRegionCode');
    const agencyOrgId = input.identifier(data.agency?.orgId, 'ORG_ID_INVALID', 'agency.orgId');
    const agencyRegionCode = input.regionCode(data.agency?.regionCode, 'agency.regionCode');
    const stationOrgId = input.identifier(data.station?.orgId, 'ORG_ID_INVALID', 'station.orgId');
    const stationRegionCode = input.regionCode(data.station?.regionCode, 'station.regionCode');
    const stationKind = input.boundedText(data.station?.kind, 'station.kind', 64, 'STATION_KIND_INVALID');
    const scheduled = days(data.days);
    const shifts = state.status === 'on-roster' ? onRoster(state, lawyerId).shifts : [];
    if (!dutyDaysNotInPast(scheduled, today)) throw refuse('DUTY_DAY_IN_PAST', `${scheduled[0]} is before today (${today})`);
    if (data.lawyer.active !== true) throw refuse('LAWYER_NOT_ACTIVE', `lawyer ${lawyerId} is not active`);
    if (!lawyerInAgencyPool({ lawyerId, firmOrgId, firmRegionCode, active: true }, agencyRegionCode)) throw refuse('LAWYER_NOT_IN_AGENCY_POOL', `the lawyer's firm lies in ${firmRegionCode}, outside the agency's ${agencyRegionCode}`);
    if (!stationIsDutyStation(stationKind)) throw refuse('STATION_NOT_DUTY_STATION', `a ${stationKind} is not a court, procuratorate or detention centre`);
    if (!stationWithinAgencyRegion(stationRegionCode, agencyRegionCode)) throw refuse('STATION_OUTSIDE_AGENCY_REGION', `the station lies in ${stationRegionCode}, outside the agency's ${agencyRegionCode}`);
    if (!lawyerNotAlreadyOnDuty(shifts, scheduled)) {
      const taken = scheduled.filter((candidate) => shifts.some((shift) => shift.days.includes(candidate)));
      throw refuse('LAWYER_ALREADY_ON_DUTY', `the lawyer is already on duty on ${taken.join(', ')}`, { days: taken });
    }
    return [
      {
        type: 'DutyScheduled',
        data: {
          dutyId: id,
          lawyerId,
          firmOrgId,
          agencyOrgId,
          agencyRegionCode,
          station: { orgId: stationOrgId, kind: stationKind, regionCode: stationRegionCode },
          days: scheduled,
          scheduledAt: now,
          scheduledBy: { userId: command.metadata.actor.userId, orgId: command.metadata.actor.orgId },
        },
      },
    ];
  }

  function consult(command: RecordDutyConsultation, state: DutyLawyerState, now: string, today: string): DutyLawyerEvent[] {
    const { data } = command;
    const consultationId = dutyId(data.consultationId, 'consultationId');
    const roster = onRoster(state, input.identifier(data.lawyerId, 'LAWYER_INVALID', 'lawyerId'));
    const stationOrgId = input.identifier(data.stationOrgId, 'ORG_ID_INVALID', 'stationOrgId');
    const name = input.partyName(data.person?.name, 'person.name');
    const idNumber = data.person?.idNumber ? atField('person.idNumber', () => parseResidentIdNumber(data.person.idNumber as string, { asOf: now }).value) : null;
    const matter = input.oneOf(CONSULTATION_MATTERS, data.matter, 'CONSULTATION_MATTER_INVALID', 'matter');
    const advice = input.text(data.advice, 'advice');
    const referredApplicationId = data.referredApplicationId ? input.identifier(data.referredApplicationId, 'APPLICATION_ID_INVALID', 'referredApplicationId') : null;
    const shift = dutyOn(roster.shifts, stationOrgId, today);
    if (shift === null) throw refuse('DUTY_LAWYER_NOT_ON_DUTY', `the lawyer is not on duty at ${stationOrgId} on ${today}`);
    return [
      {
        type: 'DutyConsultationRecorded',
        data: {
          consultationId,
          dutyId: shift.dutyId,
          lawyerId: roster.lawyerId,
          stationOrgId,
          stationRegionCode: shift.stationRegionCode,
          agencyOrgId: shift.agencyOrgId,
          day: today,
          at: now,
          person: { name, idNumber },
          matter,
          advice,
          referredApplicationId,
        },
      },
    ];
  }

  function witness(command: WitnessPleaAgreement, state: DutyLawyerState, now: string, today: string): DutyLawyerEvent[] {
    const { data } = command;
    const witnessingId = dutyId(data.witnessingId, 'witnessingId');
    const roster = onRoster(state, input.identifier(data.lawyerId, 'LAWYER_INVALID', 'lawyerId'));
    const stationOrgId = input.identifier(data.stationOrgId, 'ORG_ID_INVALID', 'stationOrgId');
    const caseRef = input.boundedText(data.caseRef, 'caseRef', 64, 'CASE_REF_INVALID');
    const name = input.partyName(data.defendant?.name, 'defendant.name');
    const idNumber = atField('defendant.idNumber', () => parseResidentIdNumber(data.defendant?.idNumber, { asOf: now }).value);
    const witnessedOn = day(data.witnessedOn, 'witnessedOn');
    if (!witnessedDayNotInFuture(witnessedOn, today)) throw refuse('WITNESSED_DAY_IN_FUTURE', `${witnessedOn} is after today (${today})`);
    const shift = dutyOn(roster.shifts, stationOrgId, witnessedOn);
    if (shift === null) throw refuse('DUTY_LAWYER_NOT_ON_DUTY', `the lawyer was not on duty at ${stationOrgId} on ${witnessedOn}`);
    return [
      {
        type: 'PleaAgreementWitnessed',
        data: {
          witnessingId,
          dutyId: shift.dutyId,
          lawyerId: roster.lawyerId,
          stationOrgId,
          stationRegionCode: shift.stationRegionCode,
          agencyOrgId: shift.agencyOrgId,
          caseRef,
          defendant: { name, idNumber },
          witnessedOn,
          recordedAt: now,
        },
      },
    ];
  }

  function decide(command: DutyLawyerCommand, state: DutyLawyerState): DutyLawyerEvent[] {
    const clock = input.instant(command.metadata.now, 'metadata.now');
    const today = shanghaiDate(clock.iso);
    switch (command.type) {
      case 'ScheduleDuty':
        return schedule(command, state, clock.iso, today);
      case 'RecordDutyConsultation':
        return consult(command, state, clock.iso, today);
      case 'WitnessPleaAgreement':
        return witness(command, state, clock.iso, today);
      default:
        return unreachable(command, 'command');
    }
  }

  return { initialState: initialDutyLawyerState, decide, evolve: evolveDutyLawyer };
}

export function evolveDutyLawyer(state: DutyLawyerState, event: DutyLawyerEvent): DutyLawyerState {
  switch (event.type) {
    case 'DutyScheduled': {
      const shift: DutyShift = {
        dutyId: event.data.dutyId,
        agencyOrgId: event.data.agencyOrgId,
        stationOrgId: event.data.station.orgId,
        stationKind: event.data.station.kind,
        stationRegionCode: event.data.station.regionCode,
        days: event.data.days,
      };
      return { status: 'on-roster', lawyerId: event.data.lawyerId, shifts: state.status === 'on-roster' ? [...state.shifts, shift] : [shift] };
    }
    case 'DutyConsultationRecorded':
    case 'PleaAgreementWitnessed':
      if (state.status === 'none') throw new TypeError(`event ${event.type} on a lawyer never scheduled`);
      return state;
    default:
      return unreachable(event, 'event');
  }
}
