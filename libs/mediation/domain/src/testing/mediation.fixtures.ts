import type { Actor } from '@pls/event-sourcing';
import { residentIdCheckCharacter, usccCheckCharacter } from '@pls/shared-kernel';
import type { MediationCommand, OpenMediation } from '../mediation.commands';
import type { MediationEvent, MediationOpened } from '../mediation.events';

/** A traffic-accident dispute at the 石佛镇 people's mediation committee (乐至县, 512022101) in September 2026. */

export const CASE_ID = 'med-2026-0001';
export const CASE_NO = '（2026）石佛调字第 1 号';
export const MATTER_ID = 'm-2026-0042';
export const CASE_CODE = 'LZ-AMAQ-6KVA';
export const COMMITTEE = { orgId: 'org-lz-mediation-shifo', regionCode: '512022101000' };
export const COURT_ORG = 'org-lezhi-court';

export const mediatorActor: Actor = { userId: 'mediator-deng', orgId: COMMITTEE.orgId, roles: ['handler'] };
export const courtActor: Actor = { userId: 'court-xie', orgId: COURT_ORG, roles: ['court'] };
export const MEDIATOR = { userId: 'mediator-deng', orgId: COMMITTEE.orgId, name: '邓国强' };
export const STAFF = { userId: mediatorActor.userId, orgId: mediatorActor.orgId };

const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);
export const DRIVER_ID = withCheck('51202219800203123');
export const VICTIM_ID = withCheck('51202219900716002');
export const TRANSPORT_USCC = (() => {
  const first17 = '91512022MA6' + '2ABCD1';
  return first17 + usccCheckCharacter(first17);
})();

/** Instants, Shanghai = UTC+8. Mid-Autumn 25–27 Sep, National Day 1–7 Oct 2026. */
export const AT = {
  opened: '2026-09-01T01:00:00.000Z', // Tue 1 Sep
  /** 30 days: last day Thu 1 Oct, a holiday → moved to Thu 8 Oct (民法典 Art. 203). */
  due: '2026-10-08T16:00:00.000Z',
  consented: '2026-09-02T02:00:00.000Z',
  assigned: '2026-09-02T03:00:00.000Z',
  session: '2026-09-03T02:00:00.000Z',
  appraisalRequested: '2026-09-04T02:00:00.000Z',
  opinion: '2026-09-14T02:00:00.000Z',
  drafted: '2026-09-15T02:00:00.000Z',
  signed: '2026-09-16T02:00:00.000Z',
  /** 30 days from Wed 16 Sep: Fri 16 Oct. */
  windowEnds: '2026-10-16T16:00:00.000Z',
};

export function command<C extends MediationCommand>(type: C['type'], data: C['data'], options: { now?: string; actor?: Actor } = {}): C {
  return { type, data, metadata: { commandId: `cmd-${type}`, now: options.now ?? AT.opened, actor: options.actor ?? mediatorActor, correlationId: 'corr-1' } } as C;
}

export function openData(overrides: Partial<OpenMediation['data']> = {}): OpenMediation['data'] {
  return {
    caseId: CASE_ID,
    caseNo: CASE_NO,
    committeeOrgId: COMMITTEE.orgId,
    committeeRegionCode: COMMITTEE.regionCode,
    source: { kind: 'screening', screening: { recordNo: '石佛排查〔2026〕9号', screenedAt: '2026-08-31T02:00:00.000Z', note: '村道交通事故赔偿争执' } },
    category: 'traffic',
    parties: [
      { kind: 'person', name: '刘芳', idNumber: VICTIM_ID, phone: '13890001111' },
      { kind: 'person', name: '周强', idNumber: DRIVER_ID },
    ],
    claim: '赔偿医疗费、误工费等共计 86,000 元',
    amountYuan: 86000,
    ...overrides,
  };
}

export function opened(overrides: Partial<MediationOpened['data']> = {}): MediationOpened {
  return {
    type: 'MediationOpened',
    data: {
      caseId: CASE_ID,
      caseNo: CASE_NO,
      committeeOrgId: COMMITTEE.orgId,
      committeeRegionCode: COMMITTEE.regionCode,
      source: { kind: 'screening', screening: { recordNo: '石佛排查〔2026〕9号', screenedAt: '2026-08-31T02:00:00.000Z', note: '村道交通事故赔偿争执' } },
      category: 'traffic',
      parties: [
        { partyId: 'P1', kind: 'person', name: '刘芳', idNumber: VICTIM_ID, phone: '13890001111' },
        { partyId: 'P2', kind: 'person', name: '周强', idNumber: DRIVER_ID, phone: null },
      ],
      claim: '赔偿医疗费、误工费等共计 86,000 元',
      amountYuan: 86000,
      openedAt: AT.opened,
      openedBy: STAFF,
      dueAt: AT.due,
      deadlineWarnings: [],
      ...overrides,
    },
  };
}

export const frontDeskOpened = (): MediationOpened =>
  opened({
    source: { kind: 'front-desk', frontDesk: { matterId: MATTER_ID, caseCode: CASE_CODE } },
    parties: [{ partyId: 'P1', kind: 'person', name: '刘芳', idNumber: VICTIM_ID, phone: '13890001111' }],
    frontDeskReply: { kind: 'accepted', matterId: MATTER_ID, line: 'mediation', orgId: COMMITTEE.orgId, backOfficeCaseNo: CASE_NO, at: AT.opened },
  });

export const consent = (partyId: string, allConsented: boolean, at = AT.consented): MediationEvent => ({ type: 'ConsentGiven', data: { partyId, at, allConsented } });
export const mediatorAssigned = (): MediationEvent => ({ type: 'MediatorAssigned', data: { mediator: MEDIATOR, chosenBy: 'committee', at: AT.assigned, by: STAFF } });
export const appraisalRequested = (): MediationEvent => ({
  type: 'AppraisalRequested',
  data: { requestId: `${CASE_ID}.appraisal-1`, subject: '刘芳伤残等级', note: null, category: 'traffic', committeeOrgId: COMMITTEE.orgId, requestedAt: AT.appraisalRequested },
});
export const drafted = (): MediationEvent => ({ type: 'WrittenAgreementDrafted', data: { terms: '周强赔偿刘芳 62,000 元', amountYuan: 62000, performanceDueOn: '2026-10-15', signatories: ['P1', 'P2', 'mediator'], draftedAt: AT.drafted } });
export const signedBy = (signatory: string): MediationEvent => ({ type: 'AgreementSigned', data: { signatory, signedAt: AT.signed } });
export const tookEffect = (): MediationEvent => ({ type: 'AgreementTookEffect', data: { effectiveAt: AT.signed, confirmationWindowEndsAt: AT.windowEnds, onTime: true, deadlineWarnings: [] } });

export const mediating = (): MediationEvent[] => [opened(), consent('P1', false), consent('P2', true), mediatorAssigned()];
export const effective = (): MediationEvent[] => [...mediating(), drafted(), signedBy('P1'), signedBy('P2'), signedBy('mediator'), tookEffect()];
