import { isWithin } from '@pls/shared-kernel';
import type { MediatorRelation, Party } from './mediation.types';

/** Practice (DOMAIN.md §5.2): a mediation concludes within about 30 days. */
export const DEFAULT_TIME_LIMIT_DAYS = 30;
/** 人民调解法 Art. 33: judicial confirmation is applied for within 30 days of the agreement taking effect. */
export const CONFIRMATION_WINDOW_DAYS = 30;
export const MAX_EXTENSION_DAYS = 365;

// 人民调解法 Art. 2: a dispute is between parties; one person alone has nobody to settle with.
export const disputeHasTwoSides = (parties: readonly Party[]): boolean => parties.length >= 2;

// A person is one resident ID, an organisation one USCC: naming either twice is one party, not two.
export const partiesAreDistinct = (parties: readonly Party[]): boolean =>
  new Set(parties.map((party) => (party.kind === 'person' ? `p:${party.idNumber}` : `o:${party.uscc}`))).size === parties.length;

// 人民调解法 Art. 17: mediation needs every party's consent.
export const everyPartyConsented = (parties: readonly Party[], consented: readonly string[]): boolean => parties.every((party) => consented.includes(party.partyId));

// 人民调解法 Art. 19/20 and 人民调解工作若干规定 (verify): a mediator related to a party steps aside.
export const mediatorFreeOfConflict = (relations: readonly MediatorRelation[], parties: readonly Party[]): boolean =>
  !relations.some((relation) => parties.some((party) => party.partyId === relation.partyId));

// Practice: the time limit is extended only with the parties' agreement (人民调解的自愿原则, Art. 3).
export const extensionAgreedByParties = (partiesAgreed: boolean): boolean => partiesAgreed === true;

// An appraisal pauses the clock; an agreement is reached on its opinion, not before it.
export const noAppraisalPending = (appraisal: unknown): boolean => appraisal === null;

// 人民调解法 Art. 29: a written agreement takes effect when every party and the mediator (committee seal) have signed.
export const agreementFullySigned = (signatories: readonly string[], signed: readonly string[]): boolean => signatories.every((signatory) => signed.includes(signatory));

// 人民调解法 Art. 33 (双方当事人…共同向人民法院申请): every party joins the application.
export const confirmationIsJoint = (parties: readonly Party[], applicants: readonly string[]): boolean => parties.every((party) => applicants.includes(party.partyId));

// 民事诉讼法 Art. 205: the basic court where the mediation organisation sits.
export const courtCoversCommittee = (committeeRegionCode: string, jurisdiction: readonly string[]): boolean =>
  jurisdiction.some((root) => isWithin(committeeRegionCode, root));

// 人民调解法 Art. 33, 民事诉讼法 Art. 205: within 30 days of the agreement taking effect.
export const confirmationWithinWindow = (nowMs: number, windowEndsAt: string): boolean => nowMs <= Date.parse(windowEndsAt);

// 限时办结: done on time means done by the end of the deadline.
export const doneOnTime = (doneAtMs: number, dueAt: string): boolean => doneAtMs <= Date.parse(dueAt);
