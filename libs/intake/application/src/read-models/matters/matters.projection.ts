import { categoryPrefix, parseStreamName, shortType, type Projection, type RecordedEvent } from '@pls/event-sourcing';
import { MATTER_CATEGORY, MATTER_CONTEXT, type Applicant, type MatterEvent, type Person } from '@pls/intake-domain';
import { ancestorRegionCodes, maskPhone, maskResidentId, maskUscc, padRegionCode } from '@pls/shared-kernel';
import type { DeadlineEntry, MaskedParty, MatterDocument, TimelineEntry } from './matter.document';

const STREAM_PREFIX = categoryPrefix(MATTER_CONTEXT, MATTER_CATEGORY);

export const MATTERS_PROJECTION_NAME = 'intake.matters';

const LINE_LABELS: Record<string, string> = {
  'legal-aid': '法律援助',
  mediation: '人民调解',
  notarization: '公证',
  'forensic-appraisal': '司法鉴定',
  'community-correction': '社区矫正',
};

/**
 * The front desk's matters view: pure `evolve` over the matter stream. The runner guards it by
 * stream revision, so replaying or redelivering events leaves the document unchanged.
 */
export const mattersProjection: Projection<MatterDocument> = {
  name: MATTERS_PROJECTION_NAME,
  // v2: `regionPath`, and subtree scopes read through it instead of two region-code ranges.
  version: 2,
  indexes: [
    { fields: { caseCode: 1 }, unique: true },
    { fields: { awaitingOrgId: 1, nextDueAt: 1 } },
    { fields: { receivingRegionCode: 1, registeredAt: -1 } },
    // Multikey. With the two organisation indexes, each branch of a supervisor's scope is one range in nextDueAt order: the queue is their merge.
    { fields: { regionPath: 1, nextDueAt: 1 } },
    { fields: { handlingOrgId: 1, nextDueAt: 1 } },
    { fields: { receivingOrgId: 1, nextDueAt: 1 } },
    { fields: { nextDueAt: 1 } },
    { fields: { registeredAt: -1 } },
  ],
  canHandle: (event) => event.streamId.startsWith(STREAM_PREFIX),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve: (document, recorded) => evolveMatterDocument(document, recorded),
};

export function evolveMatterDocument(document: MatterDocument | null, recorded: RecordedEvent): MatterDocument | null {
  const event = { type: shortType(recorded.type), data: recorded.data } as MatterEvent;
  if (event.type === 'MatterRegistered') {
    const data = event.data;
    return withDerived({
      _id: data.matterId,
      caseCode: data.caseCode,
      channel: data.channel,
      stage: 'at-desk',
      matterType: { code: data.matterType.code, name: data.matterType.name, line: data.matterType.line },
      line: data.matterType.line,
      description: data.description,
      applicant: maskParty(data.applicant),
      agent: data.agent ? maskParty(data.agent) : null,
      applicantPhoneLast4: lastFour(data.applicant.kind === 'person' ? data.applicant.phone : data.applicant.contactPhone),
      attachments: data.attachments.map((attachment) => ({ ...attachment })),
      receivingOrgId: data.receivingOrg.orgId,
      receivingRegionCode: data.receivingOrg.regionCode,
      firstResponsibleStaffId: data.firstResponsibleStaffId,
      handlingOrgId: null,
      handlingRegionCode: null,
      regionPath: [],
      routingReason: null,
      backOfficeCaseNo: null,
      returns: 0,
      answer: null,
      result: null,
      feedback: null,
      rating: null,
      rectification: null,
      appeal: null,
      supervisions: [],
      deadlines: [],
      nextDueAt: null,
      awaitingOrgId: null,
      registeredAt: data.registeredAt,
      completedAt: null,
      updatedAt: data.registeredAt,
      deadlineWarnings: [],
      timeline: [entry(data.registeredAt, event.type, `登记受理（${channelLabel(data.channel)}）：${data.matterType.name}`, null, data.receivingOrg.orgId, true)],
    });
  }
  if (!document) return null;
  const at = recorded.occurredAt;
  const timeline = (text: string, options: { line?: string | null; orgId?: string | null; public?: boolean; when?: string } = {}): readonly TimelineEntry[] => [
    ...document.timeline,
    entry(options.when ?? at, event.type, text, options.line ?? null, options.orgId ?? null, options.public ?? true),
  ];
  switch (event.type) {
    case 'ConsultationAnswered':
      return withDerived({ ...document, stage: 'closed', answer: event.data.answer, completedAt: event.data.answeredAt, updatedAt: at, timeline: timeline('当场答复，咨询办结', { orgId: event.data.answeredBy.orgId }) });
    case 'MatterRouted': {
      const { data } = event;
      return withDerived({
        ...document,
        stage: 'routed',
        line: data.line,
        handlingOrgId: data.handlingOrg.orgId,
        handlingRegionCode: data.handlingOrg.regionCode,
        routingReason: data.reason,
        deadlines: [...closeDeadline(document.deadlines, 'acceptance', at), deadline('acceptance', 'acceptance', data.acceptanceDueAt, data.handlingOrg.orgId)],
        deadlineWarnings: [...document.deadlineWarnings, ...data.deadlineWarnings],
        updatedAt: at,
        timeline: timeline(`分流至${LINE_LABELS[data.line] ?? data.line}${data.reason ? `（${data.reason}）` : ''}`, { line: data.line, orgId: data.handlingOrg.orgId }),
      });
    }
    case 'MatterAcceptedByBackOffice':
      return withDerived({
        ...document,
        stage: 'accepted',
        backOfficeCaseNo: event.data.backOfficeCaseNo,
        deadlines: closeDeadline(document.deadlines, 'acceptance', event.data.acceptedAt),
        updatedAt: at,
        timeline: timeline(`${LINE_LABELS[event.data.line] ?? event.data.line}受理，案号 ${event.data.backOfficeCaseNo}`, { line: event.data.line, orgId: event.data.orgId, when: event.data.acceptedAt }),
      });
    case 'MatterReturnedByBackOffice':
      return withDerived({
        ...document,
        stage: 'at-desk',
        handlingOrgId: null,
        handlingRegionCode: null,
        returns: event.data.returnCount,
        deadlines: closeDeadline(document.deadlines, 'acceptance', event.data.returnedAt),
        updatedAt: at,
        timeline: timeline(`退回前台：${event.data.reason}`, { line: event.data.line, orgId: event.data.orgId, when: event.data.returnedAt }),
      });
    case 'BackOfficeProgressRecorded':
      return withDerived({ ...document, updatedAt: at, timeline: timeline(event.data.note, { line: event.data.line, orgId: event.data.orgId, when: event.data.at }) });
    case 'ResultReceived':
      return withDerived({
        ...document,
        stage: 'result-received',
        result: { outcome: event.data.outcome, summary: event.data.summary, at: event.data.at },
        deadlines: [...document.deadlines, deadline('feedback', 'feedback', event.data.feedbackDueAt, document.receivingOrgId)],
        deadlineWarnings: [...document.deadlineWarnings, ...event.data.deadlineWarnings],
        updatedAt: at,
        timeline: timeline(`办理结果：${event.data.summary}`, { line: event.data.line, orgId: event.data.orgId, when: event.data.at }),
      });
    case 'FeedbackDelivered':
      return withDerived({
        ...document,
        stage: 'fed-back',
        feedback: { channel: event.data.channel, deliveredAt: event.data.deliveredAt, onTime: event.data.onTime },
        deadlines: closeDeadline(document.deadlines, 'feedback', event.data.deliveredAt),
        completedAt: event.data.deliveredAt,
        updatedAt: at,
        timeline: timeline(`结果已反馈（${event.data.channel}）`, { orgId: event.data.deliveredBy.orgId, when: event.data.deliveredAt }),
      });
    case 'ServiceRated':
      return withDerived({
        ...document,
        rating: { level: event.data.level, comment: event.data.comment, ratedAt: event.data.ratedAt, ratedOrgId: event.data.ratedOrg.orgId, ratedRegionCode: event.data.ratedOrg.regionCode, excluded: false },
        updatedAt: at,
        timeline: timeline(`评价：${RATING_LABELS[event.data.level] ?? event.data.level}`, { orgId: event.data.ratedOrg.orgId, when: event.data.ratedAt }),
      });
    case 'RectificationOpened':
      return withDerived({
        ...document,
        rectification: { status: 'open', ownerOrgId: event.data.owner.orgId, dueAt: event.data.dueAt, callBacks: 0, closedAt: null, onTime: null, outcome: null },
        deadlines: [...document.deadlines, deadline('rectification', 'rectification', event.data.dueAt, event.data.owner.orgId)],
        deadlineWarnings: [...document.deadlineWarnings, ...event.data.deadlineWarnings],
        updatedAt: at,
        timeline: timeline('差评整改已启动', { orgId: event.data.owner.orgId, when: event.data.openedAt }),
      });
    case 'RectificationCallBackRecorded':
      return withDerived({
        ...document,
        rectification: document.rectification ? { ...document.rectification, callBacks: document.rectification.callBacks + 1 } : null,
        updatedAt: at,
        timeline: timeline('整改回访', { orgId: event.data.calledBackBy.orgId, when: event.data.calledBackAt, public: false }),
      });
    case 'RectificationClosed':
      return withDerived({
        ...document,
        rectification: document.rectification ? { ...document.rectification, status: 'closed', closedAt: event.data.closedAt, onTime: event.data.onTime, outcome: event.data.outcome } : null,
        deadlines: closeDeadline(document.deadlines, 'rectification', event.data.closedAt),
        updatedAt: at,
        timeline: timeline(`整改完成：${event.data.outcome}`, { orgId: event.data.closedBy.orgId, when: event.data.closedAt }),
      });
    case 'RectificationCancelled':
      return withDerived({
        ...document,
        rectification: document.rectification ? { ...document.rectification, status: 'cancelled', closedAt: event.data.cancelledAt } : null,
        deadlines: closeDeadline(document.deadlines, 'rectification', event.data.cancelledAt),
        updatedAt: at,
        timeline: timeline('申诉成立，整改撤销', { when: event.data.cancelledAt, public: false }),
      });
    case 'RatingAppealed':
      return withDerived({ ...document, appeal: { status: 'pending', reason: event.data.reason }, updatedAt: at, timeline: timeline('对评价提出申诉', { orgId: event.data.appealedBy.orgId, when: event.data.appealedAt, public: false }) });
    case 'RatingAppealReviewed':
      return withDerived({
        ...document,
        appeal: { status: event.data.upheld ? 'upheld' : 'rejected', reason: document.appeal?.reason ?? '' },
        rating: document.rating ? { ...document.rating, excluded: event.data.upheld } : null,
        updatedAt: at,
        timeline: timeline(event.data.upheld ? '申诉复核：成立，评价不计入满意率' : '申诉复核：不成立', { orgId: event.data.reviewedBy.orgId, when: event.data.reviewedAt, public: false }),
      });
    case 'SupervisionOrdered':
      return withDerived({
        ...document,
        supervisions: [...document.supervisions, { supervisionId: event.data.supervisionId, note: event.data.note, orderedAt: event.data.orderedAt, orderedByOrgId: event.data.orderedBy.orgId, dueAt: event.data.dueAt, answer: null, answeredAt: null, onTime: null }],
        deadlines: [...document.deadlines, deadline('supervision', event.data.supervisionId, event.data.dueAt, supervisedOrg(document))],
        updatedAt: at,
        timeline: timeline(`督办：${event.data.note}`, { orgId: event.data.orderedBy.orgId, when: event.data.orderedAt, public: false }),
      });
    case 'SupervisionAnswered':
      return withDerived({
        ...document,
        supervisions: document.supervisions.map((supervision) =>
          supervision.supervisionId === event.data.supervisionId ? { ...supervision, answer: event.data.answer, answeredAt: event.data.answeredAt, onTime: event.data.onTime } : supervision,
        ),
        deadlines: closeDeadline(document.deadlines, event.data.supervisionId, event.data.answeredAt),
        updatedAt: at,
        timeline: timeline(`督办回复：${event.data.answer}`, { orgId: event.data.answeredBy.orgId, when: event.data.answeredAt, public: false }),
      });
    default: {
      const unknown: never = event;
      // A newer writer's event this reader does not know: keep the document, never drop data silently.
      return { ...document, updatedAt: at, timeline: [...document.timeline, entry(at, (unknown as { type: string }).type, '', null, null, false)] };
    }
  }
}

/** Who must answer a supervision: whoever holds the matter now. */
function supervisedOrg(document: MatterDocument): string {
  if (document.rectification?.status === 'open') return document.rectification.ownerOrgId;
  if ((document.stage === 'routed' || document.stage === 'accepted') && document.handlingOrgId) return document.handlingOrgId;
  return document.receivingOrgId;
}

function withDerived(document: MatterDocument): MatterDocument {
  const open = document.deadlines.filter((entry) => entry.metAt === null).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { ...document, regionPath: regionPathOf(document), nextDueAt: open[0]?.dueAt ?? null, awaitingOrgId: awaiting(document, open) };
}

/**
 * Every region whose subtree holds the receiving or the handling region, top first. The previous
 * array is kept when nothing moved, so the read store shares its stored copy instead of copying it.
 */
function regionPathOf(document: MatterDocument): readonly string[] {
  const path = [...regionAndAncestors(document.receivingRegionCode)];
  if (document.handlingRegionCode !== null) {
    for (const code of regionAndAncestors(document.handlingRegionCode)) if (!path.includes(code)) path.push(code);
  }
  const previous = document.regionPath as readonly string[] | undefined;
  return previous && previous.length === path.length && previous.every((code, i) => code === path[i]) ? previous : path;
}

/**
 * One string per region code for every document: a million matters hold a few thousand distinct
 * codes, and their path arrays and index keys then share them instead of holding copies. Bounded,
 * so a stream of unknown codes cannot grow it without limit.
 */
const REGION_PATHS = new Map<string, readonly string[]>();
const REGION_PATHS_LIMIT = 50_000;

function regionAndAncestors(regionCode: string): readonly string[] {
  let path = REGION_PATHS.get(regionCode);
  if (!path) {
    if (REGION_PATHS.size >= REGION_PATHS_LIMIT) REGION_PATHS.clear();
    const padded = padRegionCode(regionCode);
    path = [...ancestorRegionCodes(padded).map((code) => regionAndAncestors(code).at(-1) as string), padded];
    REGION_PATHS.set(regionCode, path);
  }
  return path;
}

function awaiting(document: MatterDocument, open: readonly DeadlineEntry[]): string | null {
  switch (document.stage) {
    case 'at-desk':
    case 'result-received':
      return document.receivingOrgId;
    case 'routed':
    case 'accepted':
      return document.handlingOrgId;
    default:
      return open[0]?.ownerOrgId ?? null;
  }
}

function deadline(kind: DeadlineEntry['kind'], ref: string, dueAt: string, ownerOrgId: string): DeadlineEntry {
  return { kind, ref, dueAt, ownerOrgId, metAt: null, onTime: null };
}

function closeDeadline(deadlines: readonly DeadlineEntry[], ref: string, metAt: string): DeadlineEntry[] {
  return deadlines.map((entry) => (entry.ref === ref && entry.metAt === null ? { ...entry, metAt, onTime: metAt <= entry.dueAt } : entry));
}

function entry(at: string, kind: string, text: string, line: string | null, orgId: string | null, isPublic: boolean): TimelineEntry {
  return { at, kind, text, line, orgId, public: isPublic };
}

function maskParty(party: Applicant | Person): MaskedParty {
  if (party.kind === 'organisation') {
    return { kind: 'organisation', name: party.name, idType: 'uscc', idNumberMasked: maskUscc(party.uscc), phoneMasked: maskPhone(party.contactPhone) };
  }
  return { kind: 'person', name: party.name, idType: party.idType, idNumberMasked: party.idType === 'resident-id' ? maskResidentId(party.idNumber) : maskOther(party.idNumber), phoneMasked: maskPhone(party.phone) };
}

function maskOther(value: string): string {
  return value.length <= 4 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

function lastFour(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.slice(-4);
}

const CHANNEL_LABELS: Record<string, string> = { 'walk-in': '窗口', hotline: '12348热线', online: '网络平台', kiosk: '自助终端', referral: '转介' };
function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

export const RATING_LABELS: Record<string, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
};
