import type { Actor } from '@pls/event-sourcing';
import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { residentIdCheckCharacter } from '@pls/shared-kernel';
import type { RecordDutyConsultation, ScheduleDuty, WitnessPleaAgreement } from './duty-lawyer.commands';
import { dutyLawyerDecider } from './duty-lawyer.decider';
import type { DutyScheduled } from './duty-lawyer.events';

const decider = dutyLawyerDecider();
const spec = DeciderSpecification(decider);

const agencyHandler: Actor = { userId: 'handler-zhao', orgId: 'org-lezhi-legal-aid', roles: ['handler'] };
const lawyerActor: Actor = { userId: 'lawyer-wu', orgId: 'firm-shouzheng', roles: ['handler'] };
const AGENCY = { orgId: 'org-lezhi-legal-aid', regionCode: '512022000000' };
const DETENTION = { orgId: 'org-lezhi-detention', kind: 'detention-centre', regionCode: '512022000000' };
const LAWYER = { lawyerId: 'lawyer-wu', firmOrgId: 'firm-shouzheng', firmRegionCode: '512022000000', active: true };
const DEFENDANT_ID = ((first17: string) => first17 + residentIdCheckCharacter(first17))('51202219980304123');
/** Monday 7 September 2026, 10:00 in Shanghai. */
const MONDAY = '2026-09-07T02:00:00.000Z';

let sequence = 0;
const meta = (now: string, actor: Actor) => ({ commandId: `duty-${++sequence}`, now, actor });
const schedule = (data: Partial<ScheduleDuty['data']> = {}, now = MONDAY): ScheduleDuty => ({
  type: 'ScheduleDuty',
  data: { dutyId: 'duty-1', lawyer: LAWYER, agency: AGENCY, station: DETENTION, days: ['2026-09-08', '2026-09-07'], ...data },
  metadata: meta(now, agencyHandler),
});
const consult = (data: Partial<RecordDutyConsultation['data']> = {}, now = MONDAY): RecordDutyConsultation => ({
  type: 'RecordDutyConsultation',
  data: { consultationId: 'c-1', lawyerId: 'lawyer-wu', stationOrgId: DETENTION.orgId, person: { name: '李四' }, matter: 'criminal', advice: '告知认罪认罚从宽制度及程序选择。', ...data },
  metadata: meta(now, lawyerActor),
});
const witness = (data: Partial<WitnessPleaAgreement['data']> = {}, now = MONDAY): WitnessPleaAgreement => ({
  type: 'WitnessPleaAgreement',
  data: { witnessingId: 'w-1', lawyerId: 'lawyer-wu', stationOrgId: DETENTION.orgId, caseRef: '乐检刑诉〔2026〕88号', defendant: { name: '李四', idNumber: DEFENDANT_ID }, witnessedOn: '2026-09-07', ...data },
  metadata: meta(now, lawyerActor),
});
const scheduled = (data: Partial<DutyScheduled['data']> = {}): DutyScheduled => ({
  type: 'DutyScheduled',
  data: {
    dutyId: 'duty-1',
    lawyerId: 'lawyer-wu',
    firmOrgId: 'firm-shouzheng',
    agencyOrgId: AGENCY.orgId,
    agencyRegionCode: AGENCY.regionCode,
    station: { orgId: DETENTION.orgId, kind: 'detention-centre', regionCode: DETENTION.regionCode },
    days: ['2026-09-07', '2026-09-08'],
    scheduledAt: MONDAY,
    scheduledBy: { userId: agencyHandler.userId, orgId: agencyHandler.orgId },
    ...data,
  },
});

describe('ScheduleDuty (值班律师排班)', () => {
  it('given nothing, when the agency schedules a lawyer of its pool at its detention centre, then the duty is recorded with the days sorted', () => {
    spec.given([]).when(schedule()).then([scheduled()]);
  });

  it('given a duty on 7–8 September, when the same lawyer is scheduled at a court on 9 September, then a second shift is recorded', () => {
    spec
      .given([scheduled()])
      .when(schedule({ dutyId: 'duty-2', station: { orgId: 'org-lezhi-court', kind: 'court', regionCode: '512022000000' }, days: ['2026-09-09'] }))
      .then((events, state) => {
        expect(events[0].type).toBe('DutyScheduled');
        expect(state).toMatchObject({ status: 'on-roster', shifts: [{ dutyId: 'duty-1' }, { dutyId: 'duty-2', stationKind: 'court' }] });
      });
  });

  it('given a duty on 7–8 September, when the lawyer is scheduled anywhere on 8 September, then it is refused as overlapping', () => {
    spec.given([scheduled()]).when(schedule({ dutyId: 'duty-2', days: ['2026-09-08', '2026-09-10'] })).thenRefuses('LAWYER_ALREADY_ON_DUTY', /2026-09-08/);
  });

  it('given nothing, when a day lies before today (Shanghai), then it is refused', () => {
    spec.given([]).when(schedule({ days: ['2026-09-06'] })).thenRefuses('DUTY_DAY_IN_PAST');
  });

  it('given nothing, when a day is malformed or impossible, then it is refused as invalid input', () => {
    spec.given([]).when(schedule({ days: ['2026-02-30'] })).thenRefuses('DUTY_DAYS_INVALID');
    spec.given([]).when(schedule({ days: ['8 Sept'] })).thenRefuses('DUTY_DAYS_INVALID');
    spec.given([]).when(schedule({ days: [] })).thenRefuses('DUTY_DAYS_INVALID');
  });

  it('given nothing, when more than a month of days is scheduled at once, then it is refused', () => {
    const days = Array.from({ length: 32 }, (_, i) => new Date(Date.UTC(2026, 8, 7 + i)).toISOString().slice(0, 10));
    spec.given([]).when(schedule({ days })).thenRefuses('DUTY_DAYS_INVALID');
  });

  it('given nothing, when the lawyer is not active, then it is refused', () => {
    spec.given([]).when(schedule({ lawyer: { ...LAWYER, active: false } })).thenRefuses('LAWYER_NOT_ACTIVE');
  });

  it("given nothing, when the lawyer's firm lies in another county, then the lawyer is not in the agency's pool", () => {
    spec.given([]).when(schedule({ lawyer: { ...LAWYER, firmRegionCode: '511112000000' } })).thenRefuses('LAWYER_NOT_IN_AGENCY_POOL');
  });

  it('given nothing, when the station is a law firm, then it is refused as not a duty station', () => {
    spec.given([]).when(schedule({ station: { ...DETENTION, kind: 'law-firm' } })).thenRefuses('STATION_NOT_DUTY_STATION');
  });

  it("given nothing, when the station lies in another county, then it is refused as outside the agency's region", () => {
    spec.given([]).when(schedule({ station: { ...DETENTION, regionCode: '511112000000' } })).thenRefuses('STATION_OUTSIDE_AGENCY_REGION');
  });

  it("given another lawyer's roster, when this lawyer is scheduled on it, then it is refused", () => {
    spec.given([scheduled({ lawyerId: 'lawyer-huang' })]).when(schedule({ days: ['2026-09-20'] })).thenRefuses('DUTY_ROSTER_OF_ANOTHER_LAWYER');
  });
});

describe('RecordDutyConsultation (值班咨询)', () => {
  it('given a duty today at the detention centre, when the lawyer records a consultation, then it is recorded against that duty', () => {
    spec.given([scheduled()]).when(consult({ person: { name: '李四', idNumber: DEFENDANT_ID }, referredApplicationId: 'la-1' })).then([
      {
        type: 'DutyConsultationRecorded',
        data: {
          consultationId: 'c-1',
          dutyId: 'duty-1',
          lawyerId: 'lawyer-wu',
          stationOrgId: DETENTION.orgId,
          stationRegionCode: DETENTION.regionCode,
          agencyOrgId: AGENCY.orgId,
          day: '2026-09-07',
          at: MONDAY,
          person: { name: '李四', idNumber: DEFENDANT_ID },
          matter: 'criminal',
          advice: '告知认罪认罚从宽制度及程序选择。',
          referredApplicationId: 'la-1',
        },
      },
    ]);
  });

  it('given a duty on 7–8 September, when a consultation is recorded on the 9th, then the lawyer is not on duty', () => {
    spec.given([scheduled()]).when(consult({}, '2026-09-09T02:00:00.000Z')).thenRefuses('DUTY_LAWYER_NOT_ON_DUTY');
  });

  it('given a duty at the detention centre, when a consultation is recorded at the court, then the lawyer is not on duty there', () => {
    spec.given([scheduled()]).when(consult({ stationOrgId: 'org-lezhi-court' })).thenRefuses('DUTY_LAWYER_NOT_ON_DUTY');
  });

  it('given nothing, when a consultation is recorded, then the lawyer has no roster', () => {
    spec.given([]).when(consult()).thenRefuses('DUTY_ROSTER_NOT_FOUND');
  });

  it('given a duty, when the matter is unknown or the advice empty, then it is refused as invalid input', () => {
    spec.given([scheduled()]).when(consult({ matter: 'gossip' as never })).thenRefuses('CONSULTATION_MATTER_INVALID');
    spec.given([scheduled()]).when(consult({ advice: '  ' })).thenRefuses('TEXT_REQUIRED');
  });

  it('given a duty, when the person ID number has a wrong check digit, then it is refused with the kernel code', () => {
    const wrong = DEFENDANT_ID.slice(0, 17) + (DEFENDANT_ID.endsWith('1') ? '2' : '1');
    spec.given([scheduled()]).when(consult({ person: { name: '李四', idNumber: wrong } })).thenRefuses('RESIDENT_ID_CHECK_DIGIT_MISMATCH');
  });
});

describe('WitnessPleaAgreement (认罪认罚具结书见证)', () => {
  it('given a duty today, when the lawyer witnesses a plea agreement, then it is recorded with the procuratorate case reference', () => {
    spec.given([scheduled()]).when(witness()).then([
      {
        type: 'PleaAgreementWitnessed',
        data: {
          witnessingId: 'w-1',
          dutyId: 'duty-1',
          lawyerId: 'lawyer-wu',
          stationOrgId: DETENTION.orgId,
          stationRegionCode: DETENTION.regionCode,
          agencyOrgId: AGENCY.orgId,
          caseRef: '乐检刑诉〔2026〕88号',
          defendant: { name: '李四', idNumber: DEFENDANT_ID },
          witnessedOn: '2026-09-07',
          recordedAt: MONDAY,
        },
      },
    ]);
  });

  it('given a duty on 7–8 September, when on the 9th the lawyer records a witnessing of the 8th, then it is recorded against the 8th', () => {
    spec.given([scheduled()]).when(witness({ witnessedOn: '2026-09-08' }, '2026-09-09T02:00:00.000Z')).then((events) => expect(events[0]).toMatchObject({ data: { witnessedOn: '2026-09-08', dutyId: 'duty-1' } }));
  });

  it('given a duty on 7–8 September, when a witnessing on the 6th is recorded, then the lawyer was not on duty that day', () => {
    spec.given([scheduled()]).when(witness({ witnessedOn: '2026-09-06' })).thenRefuses('DUTY_LAWYER_NOT_ON_DUTY');
  });

  it('given a duty, when the witnessing is dated tomorrow, then it is refused', () => {
    spec.given([scheduled()]).when(witness({ witnessedOn: '2026-09-08' })).thenRefuses('WITNESSED_DAY_IN_FUTURE');
  });

  it('given a duty, when the date is impossible or the case reference empty, then it is refused as invalid input', () => {
    spec.given([scheduled()]).when(witness({ witnessedOn: '2026-13-01' })).thenRefuses('DAY_INVALID');
    spec.given([scheduled()]).when(witness({ caseRef: '' })).thenRefuses('CASE_REF_INVALID');
  });

  it('given a duty, when the defendant has no valid ID number, then it is refused with the kernel code', () => {
    spec.given([scheduled()]).when(witness({ defendant: { name: '李四', idNumber: '123' } })).thenRefuses('RESIDENT_ID_MALFORMED');
  });
});
