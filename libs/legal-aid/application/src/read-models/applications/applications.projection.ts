import { categoryPrefix, parseStreamName, shortType, type Projection, type RecordedEvent } from '@pls/event-sourcing';
import { APPLICATION_CATEGORY, APPLICATION_CONTEXT, APPLICATION_EVENT_TYPES, COOPERATION_CATEGORY, COOPERATION_EVENT_TYPES, type ApplicationEvent, type CooperationEvent } from '@pls/legal-aid-domain';
import { maskPhone, maskResidentId } from '@pls/shared-kernel';
import type { ApplicationDeadline, ApplicationDeadlineKind, LegalAidApplicationDocument } from './application.document';

const STREAM_PREFIX = categoryPrefix(APPLICATION_CONTEXT, APPLICATION_CATEGORY);
const COOPERATION_PREFIX = categoryPrefix(APPLICATION_CONTEXT, COOPERATION_CATEGORY);
export const APPLICATIONS_PROJECTION_NAME = 'legal-aid.applications';

/** Stages in which a lawyer acts for the recipient: what the conflict check and workloads count. */
export const LAWYER_ACTING_STAGES = ['assigned', 'in-progress'] as const;

/**
 * The legal aid applications view: pure `evolve` over the application stream, guarded by stream
 * revision in the runner. Event types it does not know (another writer on the same category)
 * leave the document as it was.
 */
export const applicationsProjection: Projection<LegalAidApplicationDocument> = {
  name: APPLICATIONS_PROJECTION_NAME,
  version: 2,
  indexes: [
    { fields: { applicationNo: 1 } },
    { fields: { agencyOrgId: 1, nextDueAt: 1 } },
    { fields: { regionCode: 1, receivedAt: -1 } },
    { fields: { 'lawyer.lawyerId': 1, stage: 1 } },
    { fields: { 'source.notifyingOrgId': 1, receivedAt: -1 } },
    { fields: { nextDueAt: 1 } },
    { fields: { agencyOrgId: 1, queueKey: 1 } },
    { fields: { 'source.forwarderOrgId': 1, receivedAt: -1 } },
  ],
  // Cooperation requests are written on their own streams; the requester reads their answer on the application.
  canHandle: (event) => event.streamId.startsWith(STREAM_PREFIX) || event.streamId.startsWith(COOPERATION_PREFIX),
  documentId: (event) => (event.streamId.startsWith(COOPERATION_PREFIX) ? String((event.data as { applicationId: string }).applicationId) : parseStreamName(event.streamId).id),
  evolve: (document, recorded) => evolveApplicationDocument(document, recorded),
};

const KNOWN = new Set<string>(APPLICATION_EVENT_TYPES);
const COOPERATION_KNOWN = new Set<string>(COOPERATION_EVENT_TYPES);

const COOPERATION_KIND_TEXT: Record<string, string> = { 'verify-means': '核查经济困难状况', 'collect-materials': '调查收集材料' };
const COOPERATION_RESULT_TEXT: Record<string, string> = { 'means-meet': '符合经济困难条件', 'means-do-not-meet': '不符合经济困难条件', 'materials-collected': '材料已收集', unable: '无法协作' };

function evolveCooperation(document: LegalAidApplicationDocument, event: CooperationEvent, at: string, by: string | null): LegalAidApplicationDocument {
  const step = (text: string) => [...document.history, { at, kind: event.type, text, byUserId: by }];
  switch (event.type) {
    case 'CooperationRequested':
      return derive({
        ...document,
        cooperation: [
          ...document.cooperation,
          { requestId: event.data.requestId, kind: event.data.kind, receivingOrgId: event.data.receivingAgency.orgId, requestedAt: event.data.requestedAt, dueAt: event.data.dueAt, result: null, notes: null, answeredAt: null, onTime: null },
        ],
        updatedAt: at,
        history: step(`请求异地协作（${COOPERATION_KIND_TEXT[event.data.kind]}）：${event.data.details}`),
      });
    case 'CooperationAnswered':
      return derive({
        ...document,
        cooperation: document.cooperation.map((entry) =>
          entry.requestId === event.data.requestId ? { ...entry, result: event.data.result, notes: event.data.notes, answeredAt: event.data.answeredAt, onTime: event.data.onTime } : entry,
        ),
        updatedAt: at,
        history: step(`异地协作答复：${COOPERATION_RESULT_TEXT[event.data.result]}。${event.data.notes}`),
      });
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function evolveApplicationDocument(document: LegalAidApplicationDocument | null, recorded: RecordedEvent): LegalAidApplicationDocument | null {
  const type = shortType(recorded.type);
  if (recorded.streamId?.startsWith(COOPERATION_PREFIX)) {
    if (!COOPERATION_KNOWN.has(type) || !document) return document;
    return evolveCooperation(document, { type, data: recorded.data } as CooperationEvent, recorded.occurredAt, recorded.metadata?.actor?.userId ?? null);
  }
  if (!KNOWN.has(type)) return document;
  const event = { type, data: recorded.data } as ApplicationEvent;
  const by = recorded.metadata?.actor?.userId ?? null;
  if (event.type === 'ApplicationReceived') {
    const data = event.data;
    const source = data.source;
    const notified = source.kind === 'notified-defence';
    const deadlines: ApplicationDeadline[] = [];
    if (source.kind === 'forwarded') deadlines.push({ kind: 'forwarding', dueAt: source.forwardingDueAt, metAt: source.forwardedAt, onTime: source.forwardedOnTime, paused: false });
    if (data.decisionDueAt) deadlines.push(open('decision', data.decisionDueAt));
    if (data.assignmentDueAt) deadlines.push(open('assignment', data.assignmentDueAt));
    return derive({
      _id: data.applicationId,
      applicationNo: data.applicationNo,
      stage: notified ? 'granted' : 'received',
      agencyOrgId: data.agencyOrgId,
      regionCode: data.agencyRegionCode,
      source: {
        kind: source.kind,
        matterId: source.kind === 'front-desk' ? source.frontDesk.matterId : null,
        caseCode: source.kind === 'front-desk' ? source.frontDesk.caseCode : null,
        notifyingOrgId: source.kind === 'notified-defence' ? source.notifyingOrgan.orgId : null,
        notifyingOrganKind: source.kind === 'notified-defence' ? source.notifyingOrgan.kind : null,
        notificationReason: source.kind === 'notified-defence' ? source.reason : null,
        forwarderOrgId: source.kind === 'forwarded' ? source.forwarder.orgId : null,
        forwarderKind: source.kind === 'forwarded' ? source.forwarder.kind : null,
        forwardedByUserId: source.kind === 'forwarded' ? data.receivedBy.userId : null,
        requestedAt: source.kind === 'forwarded' ? source.requestedAt : null,
        forwardedAt: source.kind === 'forwarded' ? source.forwardedAt : null,
        forwardingDueAt: source.kind === 'forwarded' ? source.forwardingDueAt : null,
        forwardedOnTime: source.kind === 'forwarded' ? source.forwardedOnTime : null,
      },
      applicant: {
        name: data.applicant.name,
        idNumberMasked: maskResidentId(data.applicant.idNumber),
        phoneMasked: data.applicant.phone ? maskPhone(data.applicant.phone) : null,
        minor: data.applicant.minor,
      },
      category: {
        kind: data.category.kind,
        subCategory: data.category.kind === 'civil' ? data.category.subCategory : null,
        lifeOrDeathPossible: data.category.kind === 'criminal' ? data.category.lifeOrDeathPossible : null,
      },
      charge: data.charge ?? null,
      adverseParty: data.adverseParty
        ? { name: data.adverseParty.name, lawyerId: data.adverseParty.representedBy?.lawyerId ?? null, firmId: data.adverseParty.representedBy?.firmId ?? null }
        : null,
      means: {
        declaredHardship: data.means.declaredHardship,
        exemptionArticle: data.means.exemption?.article ?? null,
        exemptionGrounds: [...(data.means.exemption?.grounds ?? [])],
        checkResult: null,
      },
      minorsCase: data.minorsCase,
      lifeOrDeathCase: data.lifeOrDeathCase,
      priority: data.priority,
      receivedAt: data.receivedAt,
      decision: notified ? { outcome: 'notified', at: data.receivedAt, onTime: true, reasons: [] } : null,
      lawyer: null,
      declinedLawyerIds: [],
      objection: null,
      stageBeforeTermination: null,
      endedAt: null,
      resultSummary: null,
      closure: null,
      outstandingMaterials: null,
      cooperation: [],
      deadlines,
      nextDueAt: null,
      queueKey: null,
      updatedAt: data.receivedAt,
      history: [{ at: data.receivedAt, kind: event.type, text: receivedText(source.kind, data.applicationNo, source.kind === 'forwarded' ? source.forwardedOnTime : null), byUserId: by }],
    });
  }
  if (!document) return null;
  const at = recorded.occurredAt;
  const step = (text: string) => [...document.history, { at, kind: event.type, text, byUserId: by }];
  switch (event.type) {
    case 'MeansChecked':
      return derive({ ...document, means: { ...document.means, checkResult: event.data.result }, updatedAt: at, history: step(`经济困难状况核查：${event.data.result === 'meets' ? '符合' : '不符合'}`) });
    case 'MaterialsRequested':
      return derive({
        ...document,
        stage: 'awaiting-materials',
        deadlines: [...pause(document.deadlines, 'decision', true), open('materials', event.data.dueAt)],
        updatedAt: at,
        history: step(`一次性告知补充材料：${event.data.items.join('、')}`),
      });
    case 'MaterialsSupplied':
      return derive({
        ...document,
        stage: 'received',
        deadlines: replaceOpen(meet(document.deadlines, 'materials', event.data.suppliedAt, true), 'decision', event.data.decisionDueAt),
        updatedAt: at,
        history: step('申请人已补充材料'),
      });
    case 'AcceptedWithMaterialsOutstanding':
      return derive({
        ...document,
        outstandingMaterials: { status: 'outstanding', items: [...event.data.items], dueAt: event.data.dueAt, suppliedAt: null },
        deadlines: [...document.deadlines, open('outstanding-materials', event.data.dueAt)],
        updatedAt: at,
        history: step(`容缺受理，待补充材料：${event.data.items.join('、')}`),
      });
    case 'OutstandingMaterialsSupplied':
      return derive({
        ...document,
        outstandingMaterials: document.outstandingMaterials ? { ...document.outstandingMaterials, status: 'supplied', suppliedAt: event.data.suppliedAt } : null,
        deadlines: meet(document.deadlines, 'outstanding-materials', event.data.suppliedAt, event.data.onTime),
        updatedAt: at,
        history: step('容缺材料已补齐'),
      });
    case 'ApplicationWithdrawn':
      return derive({ ...document, stage: 'withdrawn', deadlines: closeAll(document.deadlines, at), updatedAt: at, history: step('未按期补充材料，视为撤回') });
    case 'AidGranted':
    case 'UrgentAidGranted': {
      const urgent = event.type === 'UrgentAidGranted';
      const onTime = event.type === 'AidGranted' ? event.data.onTime : null;
      return derive({
        ...document,
        stage: 'granted',
        decision: { outcome: urgent ? 'urgent' : 'granted', at: event.data.decidedAt, onTime, reasons: [] },
        deadlines: [...meet(document.deadlines, 'decision', event.data.decidedAt, onTime), open('assignment', event.data.assignmentDueAt)],
        updatedAt: at,
        history: step(urgent ? '先行提供法律援助' : '决定给予法律援助'),
      });
    }
    case 'AidDenied':
      return derive({
        ...document,
        stage: 'denied',
        decision: { outcome: 'denied', at: event.data.decidedAt, onTime: event.data.onTime, reasons: [...event.data.reasons] },
        deadlines: meet(document.deadlines, 'decision', event.data.decidedAt, event.data.onTime),
        updatedAt: at,
        history: step(`决定不予法律援助：${event.data.reasons.join('；')}`),
      });
    case 'LawyerAssigned':
      return derive({
        ...document,
        stage: 'assigned',
        lawyer: { lawyerId: event.data.lawyer.lawyerId, firmOrgId: event.data.lawyer.firmOrgId, assignedAt: event.data.assignedAt, onTime: event.data.onTime, entrustmentSignedAt: null },
        deadlines: [...meet(document.deadlines, 'assignment', event.data.assignedAt, event.data.onTime), open('entrustment', event.data.entrustmentDueAt)],
        updatedAt: at,
        history: step('指派律师承办'),
      });
    case 'AssignmentDeclined':
      return derive({
        ...document,
        stage: 'granted',
        lawyer: null,
        declinedLawyerIds: [...document.declinedLawyerIds, event.data.lawyer.lawyerId],
        deadlines: [...closeKind(document.deadlines, 'entrustment', at), open('assignment', event.data.reassignmentDueAt)],
        updatedAt: at,
        history: step(`律师不能承办：${event.data.reason}`),
      });
    case 'EntrustmentSigned':
      return derive({
        ...document,
        stage: 'in-progress',
        lawyer: document.lawyer ? { ...document.lawyer, entrustmentSignedAt: event.data.signedAt } : null,
        deadlines: meet(document.deadlines, 'entrustment', event.data.signedAt, event.data.onTime),
        updatedAt: at,
        history: step('签订委托协议和授权委托书'),
      });
    case 'ObjectionFiled':
      return derive({
        ...document,
        objection: { status: 'pending', against: event.data.against, filedAt: event.data.filedAt, decidedAt: null },
        deadlines: [...document.deadlines, open('objection', event.data.decisionDueAt)],
        updatedAt: at,
        history: step(`申请人提出异议：${event.data.grounds}`),
      });
    case 'ObjectionDecided': {
      const met = meet(document.deadlines, 'objection', event.data.decidedAt, event.data.onTime);
      const objection = document.objection ? { ...document.objection, status: event.data.upheld ? ('upheld' as const) : ('rejected' as const), decidedAt: event.data.decidedAt } : null;
      const text = `司法行政机关${event.data.upheld ? '认为异议成立' : '维持原决定'}：${event.data.note}`;
      if (!event.data.upheld) return derive({ ...document, objection, deadlines: met, updatedAt: at, history: step(text) });
      if (event.data.against === 'denial') {
        return derive({
          ...document,
          stage: 'received',
          decision: null,
          objection,
          deadlines: event.data.reviewDecisionDueAt ? [...met, open('decision', event.data.reviewDecisionDueAt)] : met,
          updatedAt: at,
          history: step(text),
        });
      }
      return derive({ ...document, stage: document.stageBeforeTermination ?? document.stage, stageBeforeTermination: null, objection, deadlines: met, updatedAt: at, history: step(text) });
    }
    case 'ProgressRecorded':
      return derive({ ...document, updatedAt: at, history: step(event.data.note) });
    case 'AidTerminated':
      return derive({
        ...document,
        stage: 'terminated',
        stageBeforeTermination: document.stage,
        deadlines: closeAll(document.deadlines, at),
        updatedAt: at,
        history: step(`终止法律援助：${event.data.explanation}`),
      });
    case 'MatterEnded':
      return derive({
        ...document,
        stage: 'ended',
        endedAt: event.data.endedAt,
        resultSummary: event.data.resultSummary,
        deadlines: [...document.deadlines, open('closure-materials', event.data.closureMaterialsDueAt)],
        updatedAt: at,
        history: step(`案件办结：${event.data.resultSummary}`),
      });
    case 'ClosureMaterialsSubmitted':
      return derive({ ...document, deadlines: meet(document.deadlines, 'closure-materials', event.data.submittedAt, event.data.onTime), updatedAt: at, history: step('提交结案材料') });
    case 'ClosureReviewed':
      return derive({
        ...document,
        stage: 'closed',
        closure: { quality: event.data.quality, subsidyYuan: event.data.subsidyYuan, reviewedAt: event.data.reviewedAt },
        updatedAt: at,
        history: step(`结案审查：${event.data.quality}，办案补贴${event.data.subsidyYuan}元`),
      });
    case 'RecipientRevisited':
      return derive({ ...document, updatedAt: at, history: step(`回访：${event.data.satisfied ? '满意' : '不满意'}`) });
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function open(kind: ApplicationDeadlineKind, dueAt: string): ApplicationDeadline {
  return { kind, dueAt, metAt: null, onTime: null, paused: false };
}

function meet(deadlines: readonly ApplicationDeadline[], kind: ApplicationDeadlineKind, metAt: string, onTime: boolean | null): ApplicationDeadline[] {
  return deadlines.map((deadline) => (deadline.kind === kind && deadline.metAt === null ? { ...deadline, metAt, onTime: onTime ?? metAt <= deadline.dueAt, paused: false } : deadline));
}

function pause(deadlines: readonly ApplicationDeadline[], kind: ApplicationDeadlineKind, paused: boolean): ApplicationDeadline[] {
  return deadlines.map((deadline) => (deadline.kind === kind && deadline.metAt === null ? { ...deadline, paused } : deadline));
}

function replaceOpen(deadlines: readonly ApplicationDeadline[], kind: ApplicationDeadlineKind, dueAt: string): ApplicationDeadline[] {
  return deadlines.map((deadline) => (deadline.kind === kind && deadline.metAt === null ? { ...deadline, dueAt, paused: false } : deadline));
}

/** A deadline that no longer applies (the step fell away) counts neither on time nor late. */
function closeKind(deadlines: readonly ApplicationDeadline[], kind: ApplicationDeadlineKind, at: string): ApplicationDeadline[] {
  return deadlines.map((deadline) => (deadline.kind === kind && deadline.metAt === null ? { ...deadline, metAt: at, onTime: null, paused: false } : deadline));
}

function closeAll(deadlines: readonly ApplicationDeadline[], at: string): ApplicationDeadline[] {
  return deadlines.map((deadline) => (deadline.metAt === null ? { ...deadline, metAt: at, onTime: null, paused: false } : deadline));
}

function receivedText(kind: string, applicationNo: string, forwardedOnTime: boolean | null): string {
  if (kind === 'notified-defence') return `收到通知辩护（${applicationNo}）`;
  if (kind === 'forwarded') return `收到转交的法律援助申请（${applicationNo}）${forwardedOnTime ? '' : '，转交超过24小时'}`;
  return `受理法律援助申请（${applicationNo}）`;
}

/** Green channel first (绿色通道), then the soonest deadline: one sortable key so queues page by one index. */
export function queueKeyOf(priority: string, dueAt: string | null): string | null {
  return dueAt === null ? null : `${priority === 'green-channel' ? 0 : 1}|${dueAt}`;
}

function derive(document: LegalAidApplicationDocument): LegalAidApplicationDocument {
  const due = document.deadlines.filter((deadline) => deadline.metAt === null && !deadline.paused).map((deadline) => deadline.dueAt).sort();
  const nextDueAt = due[0] ?? null;
  return { ...document, nextDueAt, queueKey: queueKeyOf(document.priority, nextDueAt) };
}
