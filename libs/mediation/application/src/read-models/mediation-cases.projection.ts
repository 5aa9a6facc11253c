import { categoryPrefix, parseStreamName, shortType, type Projection, type RecordedEvent } from '@pls/event-sourcing';
import { MEDIATION_CATEGORY, MEDIATION_CONTEXT, MEDIATION_EVENT_TYPES, MEDIATOR_SIGNATORY, type MediationEvent } from '@pls/mediation-domain';
import { maskPhone, maskResidentId, maskUscc } from '@pls/shared-kernel';
import type { MediationCaseDocument, MediationDeadline } from './mediation-case.document';

const STREAM_PREFIX = categoryPrefix(MEDIATION_CONTEXT, MEDIATION_CATEGORY);
export const MEDIATION_CASES_PROJECTION_NAME = 'mediation.cases';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The mediation cases view: pure `evolve` over the case stream, guarded by stream revision in the
 * runner. Instants come from the event data (the decider's `now`), not from the envelope.
 */
export const mediationCasesProjection: Projection<MediationCaseDocument> = {
  name: MEDIATION_CASES_PROJECTION_NAME,
  version: 1,
  indexes: [
    { fields: { caseNo: 1 } },
    { fields: { committeeOrgId: 1, nextDueAt: 1 } },
    { fields: { regionCode: 1, openedAt: -1 } },
    { fields: { 'source.referringOrgId': 1, openedAt: -1 } },
    { fields: { 'confirmation.courtOrgId': 1 } },
  ],
  canHandle: (event) => event.streamId.startsWith(STREAM_PREFIX),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve: (document, recorded) => evolveMediationCase(document, recorded),
};

const KNOWN = new Set<string>(MEDIATION_EVENT_TYPES);

export function evolveMediationCase(document: MediationCaseDocument | null, recorded: RecordedEvent): MediationCaseDocument | null {
  const type = shortType(recorded.type);
  if (!KNOWN.has(type)) return document;
  const event = { type, data: recorded.data } as MediationEvent;
  const by = recorded.metadata?.actor?.userId ?? null;
  if (event.type === 'MediationOpened') {
    const data = event.data;
    const source = data.source;
    const deadlines: MediationDeadline[] = [{ kind: 'time-limit', dueAt: data.dueAt, metAt: null, onTime: null, paused: false }];
    if (source.kind === 'referral' && source.referral.dueAt) deadlines.push({ kind: 'referral', dueAt: source.referral.dueAt, metAt: null, onTime: null, paused: false });
    return derive({
      _id: data.caseId,
      caseNo: data.caseNo,
      stage: 'awaiting-consent',
      committeeOrgId: data.committeeOrgId,
      regionCode: data.committeeRegionCode,
      category: data.category,
      source: {
        kind: source.kind,
        matterId: source.kind === 'front-desk' ? source.frontDesk.matterId : null,
        caseCode: source.kind === 'front-desk' ? source.frontDesk.caseCode : null,
        screeningRecordNo: source.kind === 'screening' ? source.screening.recordNo : null,
        referringOrgan: source.kind === 'referral' ? source.referral.organ : null,
        referringOrgId: source.kind === 'referral' ? source.referral.orgId : null,
        referenceNo: source.kind === 'referral' ? source.referral.referenceNo : null,
        referralDueAt: source.kind === 'referral' ? source.referral.dueAt : null,
      },
      parties: data.parties.map(partyView),
      claim: data.claim,
      amountYuan: data.amountYuan,
      refusedByPartyId: null,
      mediator: null,
      sessions: [],
      appraisals: [],
      agreement: null,
      outcome: null,
      confirmation: null,
      followUps: [],
      openedAt: data.openedAt,
      concludedAt: null,
      durationDays: null,
      deadlines,
      nextDueAt: null,
      updatedAt: data.openedAt,
      history: [{ at: data.openedAt, kind: event.type, text: `受理调解（${data.caseNo}）`, byUserId: by }],
    });
  }
  if (!document) return null;
  const at = recorded.occurredAt;
  const step = (text: string, when = at) => [...document.history, { at: when, kind: event.type, text, byUserId: by }];
  const name = (partyId: string) => document.parties.find((party) => party.partyId === partyId)?.name ?? partyId;
  const conclude = (kind: string, when: string, onTime: boolean | null, summary: string): Partial<MediationCaseDocument> => ({
    stage: 'concluded',
    outcome: { kind, at: when, onTime, summary },
    concludedAt: when,
    durationDays: Math.round(((Date.parse(when) - Date.parse(document.openedAt)) / DAY_MS) * 100) / 100,
    deadlines: document.deadlines.map((deadline) => (deadline.metAt === null && deadline.kind !== 'confirmation-window' ? { ...deadline, metAt: when, onTime: Date.parse(when) <= Date.parse(deadline.dueAt), paused: false } : deadline)),
  });
  switch (event.type) {
    case 'PartyAdded':
      return derive({ ...document, parties: [...document.parties, partyView(event.data.party)], updatedAt: event.data.addedAt, history: step(`追加当事人${event.data.party.name}`, event.data.addedAt) });
    case 'ConsentGiven':
      return derive({
        ...document,
        stage: event.data.allConsented ? 'mediating' : document.stage,
        parties: document.parties.map((party) => (party.partyId === event.data.partyId ? { ...party, consented: true } : party)),
        updatedAt: event.data.at,
        history: step(`${name(event.data.partyId)}同意调解`, event.data.at),
      });
    case 'MediationRefused':
      return derive({
        ...document,
        ...conclude('refused', event.data.at, null, `${name(event.data.partyId)}明确拒绝调解${event.data.reason ? `：${event.data.reason}` : ''}`),
        stage: 'refused',
        refusedByPartyId: event.data.partyId,
        updatedAt: event.data.at,
        history: step(`${name(event.data.partyId)}明确拒绝调解，不予调解（人民调解法第十七条）`, event.data.at),
      });
    case 'MediatorAssigned':
      return derive({ ...document, mediator: { userId: event.data.mediator.userId, name: event.data.mediator.name, chosenBy: event.data.chosenBy }, updatedAt: event.data.at, history: step(`${event.data.chosenBy === 'parties' ? '当事人选定' : '调委会指定'}调解员${event.data.mediator.name}`, event.data.at) });
    case 'SessionRecorded': {
      const { sessionNo, heldOn, place, attendees, summary } = event.data;
      return derive({ ...document, sessions: [...document.sessions, { sessionNo, heldOn, place, attendees, summary }], updatedAt: event.data.recordedAt, history: step(`第${sessionNo}次调解（${heldOn}，${place}）`, event.data.recordedAt) });
    }
    case 'TimeLimitExtended':
      return derive({ ...document, deadlines: setTimeLimit(document.deadlines, event.data.dueAt, null), updatedAt: event.data.at, history: step(`经当事人同意延长调解期限${event.data.days}日：${event.data.reason}`, event.data.at) });
    case 'AppraisalRequested':
      return derive({
        ...document,
        appraisals: [...document.appraisals, { requestId: event.data.requestId, subject: event.data.subject, requestedAt: event.data.requestedAt, institution: null, opinionNo: null, summary: null, receivedOn: null }],
        deadlines: setTimeLimit(document.deadlines, null, true),
        updatedAt: event.data.requestedAt,
        history: step(`委托鉴定：${event.data.subject}（调解期限中止）`, event.data.requestedAt),
      });
    case 'AppraisalOpinionRecorded':
      return derive({
        ...document,
        appraisals: document.appraisals.map((appraisal) =>
          appraisal.requestId === event.data.requestId ? { ...appraisal, institution: event.data.institution, opinionNo: event.data.opinionNo, summary: event.data.summary, receivedOn: event.data.receivedOn } : appraisal,
        ),
        deadlines: setTimeLimit(document.deadlines, event.data.dueAt, false),
        updatedAt: event.data.recordedAt,
        history: step(`收到鉴定意见（${event.data.opinionNo}）：${event.data.summary}`, event.data.recordedAt),
      });
    case 'WrittenAgreementDrafted':
      return derive({
        ...document,
        stage: 'signing',
        agreement: { kind: 'written', terms: event.data.terms, amountYuan: event.data.amountYuan, performanceDueOn: event.data.performanceDueOn, signatories: event.data.signatories, signed: [], effectiveAt: null, confirmationWindowEndsAt: null },
        updatedAt: event.data.draftedAt,
        history: step('制作书面调解协议', event.data.draftedAt),
      });
    case 'AgreementSigned':
      if (!document.agreement) return document;
      return derive({
        ...document,
        agreement: { ...document.agreement, signed: [...document.agreement.signed, event.data.signatory] },
        updatedAt: event.data.signedAt,
        history: step(event.data.signatory === MEDIATOR_SIGNATORY ? '调解员签名并加盖调委会印章' : `${name(event.data.signatory)}签名（按指印）`, event.data.signedAt),
      });
    case 'AgreementTookEffect':
      if (!document.agreement) return document;
      return derive({
        ...document,
        ...conclude('written-agreement', event.data.effectiveAt, event.data.onTime, document.agreement.terms),
        agreement: { ...document.agreement, effectiveAt: event.data.effectiveAt, confirmationWindowEndsAt: event.data.confirmationWindowEndsAt },
        updatedAt: event.data.effectiveAt,
        history: step('调解协议生效（人民调解法第二十九条）', event.data.effectiveAt),
      });
    case 'OralAgreementRecorded':
      return derive({
        ...document,
        ...conclude('oral-agreement', event.data.recordedAt, event.data.onTime, event.data.terms),
        agreement: { kind: 'oral', terms: event.data.terms, amountYuan: null, performanceDueOn: null, signatories: [], signed: [], effectiveAt: event.data.recordedAt, confirmationWindowEndsAt: null },
        updatedAt: event.data.recordedAt,
        history: step('达成口头调解协议（人民调解法第三十条）', event.data.recordedAt),
      });
    case 'MediationFailed':
      return derive({ ...document, ...conclude('failed', event.data.at, event.data.onTime, event.data.reason), updatedAt: event.data.at, history: step(`调解不成，终止调解：${event.data.reason}`, event.data.at) });
    case 'MediationWithdrawn':
      return derive({ ...document, ...conclude('withdrawn', event.data.at, null, event.data.reason), updatedAt: event.data.at, history: step(`${name(event.data.partyId)}撤回：${event.data.reason}`, event.data.at) });
    case 'JudicialConfirmationApplied':
      return derive({
        ...document,
        confirmation: { courtOrgId: event.data.courtOrgId, status: 'applied', appliedAt: event.data.appliedAt, courtCaseNo: null, ruling: null, reason: null, ruledAt: null, enforceable: null },
        deadlines: document.deadlines.map((deadline) => (deadline.kind === 'confirmation-window' ? { ...deadline, metAt: event.data.appliedAt, onTime: true } : deadline)),
        updatedAt: event.data.appliedAt,
        history: step('双方当事人共同申请司法确认', event.data.appliedAt),
      });
    case 'JudicialConfirmationAccepted':
      if (!document.confirmation) return document;
      return derive({ ...document, confirmation: { ...document.confirmation, status: 'accepted', courtCaseNo: event.data.courtCaseNo }, updatedAt: event.data.acceptedAt, history: step(`法院受理司法确认申请（${event.data.courtCaseNo}）`, event.data.acceptedAt) });
    case 'JudicialConfirmationRuled':
      if (!document.confirmation) return document;
      return derive({
        ...document,
        confirmation: { ...document.confirmation, status: 'ruled', ruling: event.data.ruling, reason: event.data.reason, ruledAt: event.data.ruledAt, enforceable: event.data.enforceable },
        updatedAt: event.data.ruledAt,
        history: step(event.data.ruling === 'valid' ? '法院裁定调解协议有效' : `法院裁定驳回申请：${event.data.reason ?? ''}`, event.data.ruledAt),
      });
    case 'PerformanceFollowedUp':
      return derive({ ...document, followUps: [...document.followUps, { outcome: event.data.outcome, note: event.data.note, at: event.data.at }], updatedAt: event.data.at, history: step(`履行回访：${event.data.note}`, event.data.at) });
    default:
      return document;
  }
}

function partyView(party: Extract<MediationEvent, { type: 'PartyAdded' }>['data']['party']): MediationCaseDocument['parties'][number] {
  return party.kind === 'person'
    ? { partyId: party.partyId, kind: party.kind, name: party.name, idMasked: maskResidentId(party.idNumber), phoneMasked: party.phone ? maskPhone(party.phone) : null, consented: false }
    : { partyId: party.partyId, kind: party.kind, name: party.name, idMasked: maskUscc(party.uscc), phoneMasked: null, consented: false };
}

function setTimeLimit(deadlines: readonly MediationDeadline[], dueAt: string | null, paused: boolean | null): MediationDeadline[] {
  return deadlines.map((deadline) => (deadline.kind === 'time-limit' ? { ...deadline, dueAt: dueAt ?? deadline.dueAt, paused: paused ?? deadline.paused } : deadline));
}

function derive(document: MediationCaseDocument): MediationCaseDocument {
  let deadlines = document.deadlines;
  // The confirmation window opens when a written agreement takes effect and is met by the joint application.
  const window = document.agreement?.confirmationWindowEndsAt;
  if (window && !deadlines.some((deadline) => deadline.kind === 'confirmation-window')) deadlines = [...deadlines, { kind: 'confirmation-window', dueAt: window, metAt: null, onTime: null, paused: false }];
  // The window is the parties' to use, not the committee's work: it does not order the queue.
  const due = deadlines.filter((deadline) => deadline.metAt === null && !deadline.paused && deadline.kind !== 'confirmation-window').map((deadline) => deadline.dueAt).sort();
  return { ...document, deadlines, nextDueAt: due[0] ?? null };
}
