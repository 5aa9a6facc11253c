import { DomainRuleViolation, InvalidInput, NotFound } from '@pls/shared-kernel';

/**
 * Every code the legal aid deciders (application, duty lawyer, cooperation, region settings) refuse with. `InvalidInput` → BAD_USER_INPUT,
 * `DomainRuleViolation` → RULE_VIOLATION, `NotFound` → NOT_FOUND. Kernel refusals keep the
 * kernel's code (`RESIDENT_ID_CHECK_DIGIT_MISMATCH`, `PHONE_NUMBER_INVALID`,
 * `REGION_CODE_MALFORMED`, `INSTANT_INVALID`…) and gain `details.field`.
 */

export const APPLICATION_INPUT_CODES = {
  APPLICATION_ID_INVALID: 'applicationId is not 1–128 letters, digits, _ . : -',
  APPLICATION_NO_INVALID: 'applicationNo is empty or longer than 64 characters',
  ORG_ID_INVALID: 'an organisation id is missing or malformed',
  MATTER_ID_INVALID: 'the front-desk matter id is missing or malformed',
  CASE_CODE_INVALID: 'the front-desk case code is empty or longer than 32 characters',
  SOURCE_INVALID: 'source.kind is not front-desk, direct, forwarded or notified-defence',
  FORWARDER_KIND_INVALID: "forwarder.kind is not 'detention-place' or 'duty-lawyer'",
  FORWARDING_TIME_INVALID: 'forwardedAt is before requestedAt or after now',
  NOTIFYING_ORGAN_KIND_INVALID: 'notifyingOrgan.kind is not court, procuratorate or police',
  NOTIFICATION_REASON_INVALID: 'reason is not one of Arts. 25/28',
  PARTY_NAME_INVALID: 'a name is empty or longer than 100 characters',
  CATEGORY_INVALID: 'category is not a known kind, or a civil sub-category or criminal flag is missing',
  EXEMPTION_INVALID: 'exemption is not {article 42|32, non-empty grounds of that article}',
  GREEN_CHANNEL_INVALID: 'greenChannel holds an unknown ground',
  MEANS_REQUIRED: 'the means declaration is missing (required except for notified defence)',
  MEANS_CHECK_METHOD_INVALID: "method is not 'data-sharing' or 'integrity-pledge'",
  MEANS_CHECK_RESULT_INVALID: "result is not 'meets' or 'does-not-meet'",
  MATERIALS_ITEMS_REQUIRED: 'the materials notice lists no item (一次性告知)',
  ITEM_INVALID: 'a materials item is empty or longer than 200 characters',
  MATERIALS_DUE_NOT_IN_FUTURE: 'the materials dueAt is not after now',
  DENIAL_REASONS_REQUIRED: 'a denial gives no reason (Art. 43)',
  URGENT_GROUND_INVALID: "ground is not 'limitation-expiring' or 'urgent-preservation'",
  LAWYER_INVALID: 'the lawyer profile is incomplete or has negative or non-integer numbers',
  OTHER_OPEN_MATTERS_INVALID: 'otherOpenMatters is not a list of {lawyerId, firmOrgId, adversePartyNames}',
  TERMINATION_GROUND_INVALID: "ground is not one of Art. 48's",
  ENDED_AT_INVALID: 'endedAt is in the future or before the entrustment was signed',
  QUALITY_INVALID: 'quality is not excellent, good, pass or fail',
  SUBSIDY_INVALID: 'subsidyYuan is not a non-negative amount with at most 2 decimals',
  FLAG_INVALID: 'a yes/no field is not a boolean',
  TEXT_REQUIRED: 'a required text (note, reason, grounds, explanation, summary) is empty',
  TEXT_TOO_LONG: 'a text is longer than 2000 characters',
  LEGAL_AID_POLICY_INVALID: 'a deadline of the policy is not { amount 1..3650, unit day | workingDay }',
  MATERIAL_ITEM_INVALID: 'an outstanding material is not { name, essential: boolean }',
  DUTY_ID_INVALID: 'a duty, consultation or witnessing id is not 1–128 letters, digits, _ . : -',
  DUTY_DAYS_INVALID: "days is not a list of 1–31 real 'YYYY-MM-DD' days",
  DAY_INVALID: "a day is not a real 'YYYY-MM-DD' date",
  STATION_KIND_INVALID: 'the station kind is missing',
  CONSULTATION_MATTER_INVALID: 'matter is not one of the duty consultation categories',
  CASE_REF_INVALID: "the procuratorate's case reference is empty or longer than 64 characters",
  COOPERATION_KIND_INVALID: "kind is not 'verify-means' or 'collect-materials'",
  COOPERATION_RESULT_INVALID: 'result is not means-meet, means-do-not-meet, materials-collected or unable',
} as const;

export const APPLICATION_RULE_CODES = {
  APPLICATION_ALREADY_RECEIVED: 'the application id is taken',
  NOTIFIED_DEFENCE_NOT_CRIMINAL: 'a notified defence in a case that is not criminal',
  MINOR_GROUND_FOR_ADULT: 'the Art. 42 minor ground for an applicant of 18 or over',
  RETRIAL_GROUND_NOT_STATE_COMPENSATION: 'the Art. 32 retrial-acquittal ground outside a state-compensation case',
  NOT_UNDER_REVIEW: 'a review step (means, materials, decision) when the application is not under review',
  MEANS_CHECK_NOT_REQUIRED: 'a means check where Art. 42 or 32, or a notified defence, exempts from it',
  MATERIALS_ALREADY_REQUESTED: 'a second materials notice while one is awaited (一次性告知)',
  MATERIALS_NOT_REQUESTED: 'materials supplied, or withdrawal, without an awaited notice',
  MATERIALS_NOT_YET_DUE: 'treating as withdrawn before the materials deadline passed',
  MATERIALS_AWAITED: 'a decision while requested materials are awaited',
  MEANS_CHECK_REQUIRED: 'a grant before the means check where one is required',
  HARDSHIP_NOT_MET: 'a grant when the means check found no hardship',
  URGENCY_NOT_SHOWN: 'urgent aid without a limitation period expiring within 7 days or urgent preservation',
  NOT_AWAITING_ASSIGNMENT: 'an assignment when the aid is not granted or a lawyer is already assigned',
  LIFE_OR_DEATH_NEEDS_THREE_YEARS_CRIMINAL_DEFENCE: 'a life-or-death case to a lawyer with under 3 years of criminal defence (Art. 26)',
  MINORS_CASE_NEEDS_MINORS_SPECIALIST: "a minors' case to a lawyer without the minors specialty",
  CONFLICT_OF_INTEREST: 'the lawyer or their firm acts for the adverse party, here or in another open matter',
  LAWYER_AT_CAPACITY: 'the lawyer has reached their maximum concurrent cases',
  LAWYER_DECLINED_BEFORE: 'the lawyer declined this application before',
  NOT_ASSIGNED: 'a decline or entrustment when no lawyer is assigned and unsigned',
  DECLINE_NOT_BY_ASSIGNED_LAWYER: 'the decline names another lawyer than the assigned one',
  NOT_DENIED_OR_TERMINATED: 'an objection to an application that was neither denied nor terminated',
  OBJECTION_ALREADY_FILED: 'a second objection (pending or decided)',
  NO_PENDING_OBJECTION: 'an objection decision without a pending objection',
  NOT_BEING_HANDLED: 'progress, termination or ending when the aid is not being handled',
  TERMINATION_GROUND_NOT_APPLICABLE: 'a change of means ends an aid that had no means condition',
  ENTRUSTMENT_NOT_SIGNED: 'ending a matter before the entrustment was signed',
  NOT_ENDED: 'closure materials or review before the matter ended',
  CLOSURE_MATERIALS_ALREADY_SUBMITTED: 'closure materials submitted twice',
  CLOSURE_MATERIALS_MISSING: 'a closure review before the materials were submitted',
  FAILED_REVIEW_PAYS_NO_SUBSIDY: 'a subsidy for a case that failed the quality review',
  NOT_CLOSED: 'a revisit before the closure review',
  ACCEPT_WITH_MATERIALS_OUTSTANDING_NOT_ALLOWED: "容缺受理 where the agency's region has not allowed it",
  ESSENTIAL_MATERIAL_NOT_DEFERRABLE: '容缺受理 may leave only non-essential materials outstanding',
  MATERIALS_ALREADY_OUTSTANDING: 'a second 容缺受理 while outstanding materials are awaited',
  NO_MATERIALS_OUTSTANDING: 'outstanding materials supplied when none are outstanding',
  DUTY_DAY_IN_PAST: 'a duty scheduled for a day before today',
  LAWYER_NOT_ACTIVE: 'the lawyer is not active in the directory',
  LAWYER_NOT_IN_AGENCY_POOL: "the lawyer's firm lies outside the agency's region",
  STATION_NOT_DUTY_STATION: 'duty lawyers sit at courts, procuratorates and detention centres only',
  STATION_OUTSIDE_AGENCY_REGION: "the station lies outside the agency's region",
  LAWYER_ALREADY_ON_DUTY: 'the lawyer is already on duty on one of those days',
  DUTY_ROSTER_OF_ANOTHER_LAWYER: 'the command names another lawyer than the roster it is sent to',
  DUTY_LAWYER_NOT_ON_DUTY: 'the lawyer is not on duty at that station on that day',
  WITNESSED_DAY_IN_FUTURE: 'a plea agreement witnessed on a day after today',
  COOPERATION_WITH_OWN_AGENCY: 'a cooperation request addressed to the requesting agency itself',
  COOPERATION_RECEIVER_NOT_LEGAL_AID_AGENCY: 'a cooperation request addressed to an organisation that is not a legal aid agency',
  COOPERATION_ALREADY_REQUESTED: 'the cooperation request id is taken',
  COOPERATION_NOT_ADDRESSED_TO_YOU: 'an answer from another agency than the one asked',
  COOPERATION_ALREADY_ANSWERED: 'a second answer to a cooperation request',
  COOPERATION_RESULT_NOT_FOR_KIND: 'a means result for a materials request, or the reverse',
} as const;

export const APPLICATION_NOT_FOUND_CODES = {
  APPLICATION_NOT_FOUND: 'no application with that id was received',
  DUTY_ROSTER_NOT_FOUND: 'the lawyer was never scheduled for duty',
  COOPERATION_NOT_FOUND: 'no cooperation request with that id',
} as const;

export type ApplicationInputCode = keyof typeof APPLICATION_INPUT_CODES;
export type ApplicationRuleCode = keyof typeof APPLICATION_RULE_CODES;
export type ApplicationNotFoundCode = keyof typeof APPLICATION_NOT_FOUND_CODES;

export function invalid(code: ApplicationInputCode, message: string, details?: Readonly<Record<string, unknown>>): InvalidInput {
  return new InvalidInput(code, message, details);
}

export function refuse(code: ApplicationRuleCode, message: string, details?: Readonly<Record<string, unknown>>): DomainRuleViolation {
  return new DomainRuleViolation(code, message, details);
}

export function notFound(code: ApplicationNotFoundCode, message: string): NotFound {
  return new NotFound(code, message);
}
