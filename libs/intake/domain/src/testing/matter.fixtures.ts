import type { Actor } from '@pls/event-sourcing';
import { formatCaseCode } from '../case-code';
import type { MatterCommand, RegisterMatter } from '../matter.commands';
import { rectificationIdFor } from '../matter.decider';
import type {
  BackOfficeProgressRecorded,
  ConsultationAnswered,
  FeedbackDelivered,
  MatterAcceptedByBackOffice,
  MatterRegistered,
  MatterReturnedByBackOffice,
  MatterRouted,
  RatingAppealed,
  RectificationCallBackRecorded,
  RectificationOpened,
  ResultReceived,
  ServiceRated,
  SupervisionOrdered,
} from '../matter.events';

/**
 * One matter walked through the front desk in Lezhi county (乐至县, 512022) in September 2026,
 * across the Mid-Autumn (25–27 Sep) and National Day (1–7 Oct, Saturday 10 Oct worked) holidays.
 */

export const MATTER_ID = 'm-2026-0001';
export const CASE_CODE = formatCaseCode('LZ', 20_260_922);

export const TIANCHI_STATION = { orgId: 'org-tianchi-station', regionCode: '512022001000' }; // 天池街道公共法律服务工作站
export const LEZHI_LEGAL_AID = { orgId: 'org-lezhi-legal-aid', regionCode: '512022000000', level: 'county' as const }; // 乐至县法律援助中心
export const ZIYANG_LEGAL_AID = { orgId: 'org-ziyang-legal-aid', regionCode: '512000000000', level: 'city' as const }; // 资阳市法律援助中心
export const WUTONGQIAO_LEGAL_AID = { orgId: 'org-wutongqiao-legal-aid', regionCode: '511112000000', level: 'county' as const }; // 五通桥区法律援助中心
export const LEZHI_NOTARY = { orgId: 'org-lezhi-notary', regionCode: '512022000000', level: 'county' as const }; // 乐至县公证处

export const clerk: Actor = { userId: 'clerk-wang', orgId: TIANCHI_STATION.orgId, roles: ['clerk'] };
export const otherDeskClerk: Actor = { userId: 'clerk-li', orgId: 'org-other-station', roles: ['clerk'] };
export const reactor: Actor = { userId: 'reactor:intake.legal-aid', orgId: 'platform', roles: ['system'] };
export const legalAidStaff: Actor = { userId: 'handler-zhao', orgId: LEZHI_LEGAL_AID.orgId, roles: ['handler'] };
export const applicantUser: Actor = { userId: 'public:13812345678', orgId: 'public', roles: ['applicant'] };
export const countySupervisor: Actor = { userId: 'sup-chen', orgId: 'org-lezhi-justice-bureau', roles: ['supervisor'] };

/** 512022198506121237: male, born 1985-06-12, issued in 乐至县; GB 11643 check character 7. */
export const RESIDENT_ID = '512022198506121237';
export const RESIDENT_ID_WRONG_CHECK = '512022198506121238';
export const USCC = '91512022MA62Q8K0XL';
export const USCC_WRONG_CHECK = '91512022MA62Q8K0XM';
export const SHA = 'a'.repeat(64);

export const AT = {
  registered: '2026-09-22T01:00:00.000Z', // Tue 09:00 Shanghai
  routed: '2026-09-23T02:00:00.000Z', // Wed
  acceptanceDue: '2026-09-29T16:00:00.000Z', // 3 working days: 24, (25–27 中秋), 28, 29
  accepted: '2026-09-24T02:00:00.000Z',
  progress: '2026-09-24T05:00:00.000Z',
  result: '2026-09-24T08:00:00.000Z',
  resultReceived: '2026-09-24T08:30:00.000Z',
  feedbackDue: '2026-09-30T16:00:00.000Z', // 3 working days: (25–27 中秋), 28, 29, 30
  fedBack: '2026-09-28T02:00:00.000Z', // Mon
  rated: '2026-09-28T06:00:00.000Z',
  rectificationDue: '2026-10-23T16:00:00.000Z', // 15 working days over 国庆 (1–7 Oct off, Sat 10 Oct worked)
  appealed: '2026-09-29T02:00:00.000Z',
  later: '2026-10-12T02:00:00.000Z',
} as const;

let sequence = 0;
export function command<C extends MatterCommand>(type: C['type'], data: C['data'], options: { now?: string; actor?: Actor } = {}): C {
  sequence += 1;
  return {
    type,
    data,
    metadata: { commandId: `cmd-${sequence}`, now: options.now ?? AT.registered, actor: options.actor ?? clerk },
  } as C;
}

export function registration(overrides: Partial<RegisterMatter['data']> = {}): RegisterMatter['data'] {
  return {
    matterId: MATTER_ID,
    caseCode: CASE_CODE,
    channel: 'hotline',
    receivingOrg: { orgId: TIANCHI_STATION.orgId, regionCode: '512022001' },
    firstResponsibleStaffId: 'clerk-wang',
    applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: RESIDENT_ID, phone: '138 1234 5678' },
    matterType: { code: 'LA-WAGES', name: '农民工讨薪法律援助', line: 'legal-aid' },
    description: '在天池街道工地务工，被拖欠工资 8 个月共 36,000 元，申请法律援助。',
    attachments: [{ name: '劳务合同.pdf', mediaType: 'application/pdf', sizeBytes: 245_760, sha256: SHA.toUpperCase() }],
    consentToDataUse: true,
    ...overrides,
  };
}

export const registered = (overrides: Partial<MatterRegistered['data']> = {}): MatterRegistered => ({
  type: 'MatterRegistered',
  data: {
    matterId: MATTER_ID,
    caseCode: CASE_CODE,
    channel: 'hotline',
    receivingOrg: TIANCHI_STATION,
    firstResponsibleStaffId: 'clerk-wang',
    applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: RESIDENT_ID, phone: '13812345678' },
    agent: null,
    matterType: { code: 'LA-WAGES', name: '农民工讨薪法律援助', line: 'legal-aid' },
    description: '在天池街道工地务工，被拖欠工资 8 个月共 36,000 元，申请法律援助。',
    attachments: [{ name: '劳务合同.pdf', mediaType: 'application/pdf', sizeBytes: 245_760, sha256: SHA }],
    consentToDataUse: true,
    referralSource: null,
    registeredAt: AT.registered,
    registeredBy: { userId: clerk.userId, orgId: clerk.orgId },
    ...overrides,
  },
});

export const consultationRegistered = registered({ matterType: { code: 'CONSULT', name: '法律咨询', line: null }, attachments: [] });

export const consultationAnswered: ConsultationAnswered = {
  type: 'ConsultationAnswered',
  data: { answer: '可向用人单位所在地劳动人事争议仲裁委员会申请仲裁。', answeredAt: AT.routed, answeredBy: { userId: clerk.userId, orgId: clerk.orgId } },
};

export const routed = (overrides: Partial<MatterRouted['data']> = {}): MatterRouted => ({
  type: 'MatterRouted',
  data: {
    line: 'legal-aid',
    handlingOrg: LEZHI_LEGAL_AID,
    defaultOrgId: LEZHI_LEGAL_AID.orgId,
    reason: null,
    routedAt: AT.routed,
    routedBy: { userId: clerk.userId, orgId: clerk.orgId },
    acceptanceDueAt: AT.acceptanceDue,
    deadlineWarnings: [],
    ...overrides,
  },
});

export const accepted: MatterAcceptedByBackOffice = {
  type: 'MatterAcceptedByBackOffice',
  data: { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, backOfficeCaseNo: '（2026）乐法援字第 118 号', acceptedAt: AT.accepted, onTime: true },
};

export const returned = (returnCount = 1): MatterReturnedByBackOffice => ({
  type: 'MatterReturnedByBackOffice',
  data: { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, reason: '劳动争议未经仲裁，请先引导申请劳动仲裁', returnedAt: AT.accepted, returnCount },
});

export const progressed: BackOfficeProgressRecorded = {
  type: 'BackOfficeProgressRecorded',
  data: { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, note: '已指派律师', at: AT.progress },
};

export const resultReceived: ResultReceived = {
  type: 'ResultReceived',
  data: {
    line: 'legal-aid',
    orgId: LEZHI_LEGAL_AID.orgId,
    outcome: 'completed',
    summary: '经仲裁调解，用人单位支付全部欠薪 36,000 元。',
    at: AT.result,
    receivedAt: AT.resultReceived,
    feedbackDueAt: AT.feedbackDue,
    deadlineWarnings: [],
  },
};

export const feedbackDelivered: FeedbackDelivered = {
  type: 'FeedbackDelivered',
  data: { channel: 'sms', content: '您的法律援助事项已办结：用人单位已支付欠薪 36,000 元。', deliveredAt: AT.fedBack, deliveredBy: { userId: clerk.userId, orgId: clerk.orgId }, onTime: true },
};

export const ratedAs = (level: ServiceRated['data']['level'], ratedOrg: ServiceRated['data']['ratedOrg'] = { orgId: LEZHI_LEGAL_AID.orgId, regionCode: LEZHI_LEGAL_AID.regionCode }): ServiceRated => ({
  type: 'ServiceRated',
  data: { level, comment: null, ratedAt: AT.rated, ratedBy: { userId: applicantUser.userId, orgId: applicantUser.orgId }, ratedOrg },
});

export const RECTIFICATION_ID = rectificationIdFor(MATTER_ID);

export const rectificationOpened = (owner = { orgId: LEZHI_LEGAL_AID.orgId, regionCode: LEZHI_LEGAL_AID.regionCode }): RectificationOpened => ({
  type: 'RectificationOpened',
  data: { rectificationId: RECTIFICATION_ID, owner, openedAt: AT.rated, dueAt: AT.rectificationDue, callBackRequired: true, deadlineWarnings: [] },
});

export const calledBack: RectificationCallBackRecorded = {
  type: 'RectificationCallBackRecorded',
  data: { rectificationId: RECTIFICATION_ID, note: '已电话回访，申请人反映律师联系不及时', calledBackAt: AT.appealed, calledBackBy: { userId: legalAidStaff.userId, orgId: legalAidStaff.orgId } },
};

export const ratingAppealed: RatingAppealed = {
  type: 'RatingAppealed',
  data: { reason: '评价人与案件无关，系恶意差评', appealedAt: AT.appealed, appealedBy: { userId: legalAidStaff.userId, orgId: legalAidStaff.orgId } },
};

export const supervisionOrdered: SupervisionOrdered = {
  type: 'SupervisionOrdered',
  data: {
    supervisionId: 'sv-1',
    note: '请于 9 月 30 日前向申请人反馈结果',
    orderedAt: AT.resultReceived,
    orderedBy: { userId: countySupervisor.userId, orgId: countySupervisor.orgId },
    dueAt: AT.feedbackDue,
  },
};

/** Registered, routed to the county legal aid centre, accepted, result in. */
export const throughResult = [registered(), routed(), accepted, resultReceived];
/** …and fed back to the applicant. */
export const throughFeedback = [...throughResult, feedbackDelivered];
/** …and rated 不满意, which opened a rectification. */
export const throughBadRating = [...throughFeedback, ratedAs('dissatisfied'), rectificationOpened()];
