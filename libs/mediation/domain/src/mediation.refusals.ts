import { DomainRuleViolation, InvalidInput, NotFound } from '@pls/shared-kernel';

/**
 * Every code the Mediation decider refuses with. `InvalidInput` → BAD_USER_INPUT,
 * `DomainRuleViolation` → RULE_VIOLATION, `NotFound` → NOT_FOUND. Kernel refusals keep the
 * kernel's code (`RESIDENT_ID_CHECK_DIGIT_MISMATCH`, `USCC_CHECK_CHAR_MISMATCH`…) and gain `details.field`.
 */
export const MEDIATION_INPUT_CODES = {
  CASE_ID_INVALID: 'caseId is not 1–128 letters, digits, _ . : -',
  CASE_NO_INVALID: 'caseNo is empty or longer than 64 characters',
  ORG_ID_INVALID: 'an organisation or user id is missing or malformed',
  SOURCE_INVALID: 'source.kind is not front-desk, screening or referral, or its section is incomplete',
  REFERRING_ORGAN_INVALID: 'referral.organ is not court, police or petitions-office',
  COURT_REFERRAL_NEEDS_DEADLINE: "a court's pre-filing referral (诉前委派) gives the court's deadline",
  CATEGORY_INVALID: 'category is not a known dispute category',
  PARTY_INVALID: 'a party is not a person with a resident ID or an organisation with a USCC',
  PARTY_UNKNOWN: 'a party id that is not a party of this mediation',
  AMOUNT_INVALID: 'amountYuan is not a non-negative amount with at most 2 decimals',
  CHOSEN_BY_INVALID: "chosenBy is not 'committee' or 'parties'",
  ROUTES_INVALID: 'routesExplained is empty or holds an unknown route',
  RULING_INVALID: "ruling is not 'valid' or 'dismissed'",
  PERFORMANCE_INVALID: 'outcome is not performed, partly-performed or not-performed',
  DAYS_INVALID: 'days is not an integer from 1 to 365',
  DATE_INVALID: 'a date is malformed or in the future',
  FLAG_INVALID: 'a yes/no field is not a boolean',
  TEXT_REQUIRED: 'a required text is empty',
  TEXT_TOO_LONG: 'a text is longer than 2000 characters',
  MEDIATION_POLICY_INVALID: 'the time limit or confirmation window is not { amount 1..3650, unit day | workingDay }',
} as const;

export const MEDIATION_RULE_CODES = {
  MEDIATION_ALREADY_OPENED: 'the case id is taken',
  TOO_FEW_PARTIES: 'a dispute needs at least two parties',
  DUPLICATE_PARTY: 'the same person or organisation is named twice',
  NOT_AWAITING_CONSENT: 'consent or a party is recorded when consent is no longer being gathered',
  CONSENT_ALREADY_GIVEN: 'the party consented already',
  NOT_MEDIATING: 'a mediation step when the mediation is not under way',
  MEDIATOR_REQUIRED: 'a session, appraisal or outcome before a mediator is assigned',
  MEDIATOR_CONFLICT_OF_INTEREST: 'the mediator is related to a party and must step aside',
  EXTENSION_NEEDS_PARTIES_AGREEMENT: 'a time-limit extension without every party agreeing',
  APPRAISAL_ALREADY_REQUESTED: 'a second appraisal while one is awaited',
  NO_APPRAISAL_REQUESTED: 'an appraisal opinion when none was requested',
  APPRAISAL_PENDING: 'an agreement while the requested appraisal is awaited',
  NOT_SIGNING: 'a signature when no written agreement awaits signatures',
  NOT_A_SIGNATORY: 'the signatory is neither a party nor the mediator',
  ALREADY_SIGNED: 'the signatory signed already',
  NO_EFFECTIVE_WRITTEN_AGREEMENT: 'judicial confirmation of anything but an effective written agreement',
  CONFIRMATION_NOT_JOINT: 'judicial confirmation applied for by fewer than all parties',
  CONFIRMATION_WINDOW_CLOSED: 'judicial confirmation applied for more than 30 days after the agreement took effect',
  COURT_WITHOUT_JURISDICTION: 'the court is not the basic court where the committee sits (民事诉讼法 Art. 205)',
  CONFIRMATION_ALREADY_APPLIED: 'a second application for judicial confirmation',
  NO_CONFIRMATION_APPLICATION: 'a court step without an application for judicial confirmation',
  CONFIRMATION_ALREADY_ACCEPTED: 'the court accepted the application already',
  CONFIRMATION_NOT_ACCEPTED: 'a ruling before the court accepted the application',
  CONFIRMATION_ALREADY_RULED: 'a second ruling',
  NO_AGREEMENT_TO_FOLLOW_UP: 'a performance follow-up without an agreement',
} as const;

export const MEDIATION_NOT_FOUND_CODES = {
  MEDIATION_NOT_FOUND: 'no mediation with that id was opened',
} as const;

export type MediationInputCode = keyof typeof MEDIATION_INPUT_CODES;
export type MediationRuleCode = keyof typeof MEDIATION_RULE_CODES;
export type MediationNotFoundCode = keyof typeof MEDIATION_NOT_FOUND_CODES;

export function invalid(code: MediationInputCode, message: string, details?: Readonly<Record<string, unknown>>): InvalidInput {
  return new InvalidInput(code, message, details);
}

export function refuse(code: MediationRuleCode, message: string, details?: Readonly<Record<string, unknown>>): DomainRuleViolation {
  return new DomainRuleViolation(code, message, details);
}

export function notFound(code: MediationNotFoundCode, message: string): NotFound {
  return new NotFound(code, message);
}
