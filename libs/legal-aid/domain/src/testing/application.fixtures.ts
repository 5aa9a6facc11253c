import type { Actor } from '@pls/event-sourcing';
import { residentIdCheckCharacter } from '@pls/shared-kernel';
import type { ApplicationCommand, ReceiveApplication } from '../application.commands';
import type { ApplicationReceived } from '../application.events';
import type { LawyerProfile } from '../application.types';

/** Applications at the Lezhi county legal aid centre (乐至县法律援助中心, 512022) in September 2026. */

export const APPLICATION_ID = 'la-2026-0001';
export const APPLICATION_NO = '（2026）乐法援申字第 1 号';
export const MATTER_ID = 'm-2026-0001';
export const CASE_CODE = 'LZ-AMAQ-6KVA';
export const AGENCY = { orgId: 'org-lezhi-legal-aid', regionCode: '512022' };
export const COURT = { orgId: 'org-lezhi-court', kind: 'court' as const };

export const handler: Actor = { userId: 'handler-zhao', orgId: AGENCY.orgId, roles: ['handler'] };
export const bureau: Actor = { userId: 'bureau-chen', orgId: 'org-lezhi-justice-bureau', roles: ['supervisor'] };
export const HANDLER = { userId: handler.userId, orgId: handler.orgId };
export const BUREAU = { userId: bureau.userId, orgId: bureau.orgId };

const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);
/** Adult, born 1985-06-12. */
export const ADULT_ID = '512022198506121237';
/** Minor, born 2010-03-15. */
export const MINOR_ID = withCheck('51202220100315123');

/** Instants, Shanghai = UTC+8. Mid-Autumn 25–27 Sep, National Day 1–7 Oct 2026 (Sat 10 Oct worked). */
export const AT = {
  received: '2026-09-01T01:00:00.000Z', // Tue 1 Sep
  decisionDue: '2026-09-08T16:00:00.000Z', // 7 days: last day Tue 8 Sep
  day2: '2026-09-03T02:00:00.000Z',
  day5: '2026-09-06T02:00:00.000Z',
  day3: '2026-09-04T02:00:00.000Z',
  granted: '2026-09-04T02:00:00.000Z', // Fri 4 Sep
  assignmentDue: '2026-09-07T16:00:00.000Z', // 3 days: Sat 5, Sun 6, Mon 7
  assigned: '2026-09-07T02:00:00.000Z',
  entrustmentDue: '2026-09-14T16:00:00.000Z', // 5 days: 8–12 Sep, last day Sat 12 → Mon 14 (民法典 Art. 203)
  signed: '2026-09-09T02:00:00.000Z',
  progress: '2026-09-10T02:00:00.000Z',
  ended: '2026-10-09T02:00:00.000Z',
  closureDue: '2026-11-09T16:00:00.000Z', // 30 days from 9 Oct: Sun 8 Nov → Mon 9 Nov
  reviewed: '2026-10-20T02:00:00.000Z',
} as const;

let sequence = 0;
export function command<C extends ApplicationCommand>(type: C['type'], data: C['data'], options: { now?: string; actor?: Actor } = {}): C {
  sequence += 1;
  return { type, data, metadata: { commandId: `cmd-${sequence}`, now: options.now ?? AT.received, actor: options.actor ?? handler } } as C;
}

export function application(overrides: Partial<ReceiveApplication['data']> = {}): ReceiveApplication['data'] {
  return {
    applicationId: APPLICATION_ID,
    applicationNo: APPLICATION_NO,
    agencyOrgId: AGENCY.orgId,
    agencyRegionCode: AGENCY.regionCode,
    source: { kind: 'direct' },
    applicant: { name: '张三', idNumber: ADULT_ID, phone: '138 1234 5678' },
    category: { kind: 'civil', subCategory: 'labour-relations-remuneration' },
    adverseParty: { name: '乐至县某建筑公司', representedBy: null },
    means: { declaredHardship: true, exemption: null },
    greenChannel: [],
    ...overrides,
  };
}

export function received(overrides: Partial<ApplicationReceived['data']> = {}): ApplicationReceived {
  return {
    type: 'ApplicationReceived',
    data: {
      applicationId: APPLICATION_ID,
      applicationNo: APPLICATION_NO,
      agencyOrgId: AGENCY.orgId,
      agencyRegionCode: '512022000000',
      source: { kind: 'direct' },
      applicant: { name: '张三', idNumber: ADULT_ID, birthDate: '1985-06-12', minor: false, phone: '13812345678' },
      category: { kind: 'civil', subCategory: 'labour-relations-remuneration' },
      adverseParty: { name: '乐至县某建筑公司', representedBy: null },
      charge: null,
      means: { declaredHardship: true, exemption: null },
      minorsCase: false,
      lifeOrDeathCase: false,
      greenChannel: [],
      priority: 'normal',
      receivedAt: AT.received,
      receivedBy: HANDLER,
      decisionDueAt: AT.decisionDue,
      assignmentDueAt: null,
      deadlineWarnings: [],
      ...overrides,
    },
  };
}

export const frontDeskReceived = (): ApplicationReceived =>
  received({
    source: { kind: 'front-desk', frontDesk: { matterId: MATTER_ID, caseCode: CASE_CODE } },
    frontDeskReply: { kind: 'accepted', matterId: MATTER_ID, line: 'legal-aid', orgId: AGENCY.orgId, backOfficeCaseNo: APPLICATION_NO, at: AT.received },
  });

export const migrantWorkerReceived = () => received({ means: { declaredHardship: true, exemption: { article: 42, grounds: ['migrant-worker-wages-or-work-injury'] } }, greenChannel: ['migrant-worker'], priority: 'green-channel' });

export const lawyer = (overrides: Partial<LawyerProfile> = {}): LawyerProfile => ({
  lawyerId: 'lawyer-li',
  firmOrgId: 'firm-tianfu',
  practiceYears: 8,
  criminalDefenceYears: 5,
  specialties: ['labour', 'minors'],
  openCases: 3,
  maxConcurrentCases: 10,
  ...overrides,
});

export const LAWYER_LI = { lawyerId: 'lawyer-li', firmOrgId: 'firm-tianfu' };
