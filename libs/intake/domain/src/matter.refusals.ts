import { DomainRuleViolation, InvalidInput, NotFound } from '@pls/shared-kernel';

/**
 * Every code the Matter decider refuses with, and what it means. The class of the thrown error
 * gives the API category: `InvalidInput` → BAD_USER_INPUT, `DomainRuleViolation` →
 * RULE_VIOLATION, `NotFound` → NOT_FOUND. Malformed input refused by the shared kernel keeps the
 * kernel's code (`RESIDENT_ID_CHECK_DIGIT_MISMATCH`, `USCC_CHECK_CHAR_MISMATCH`,
 * `PHONE_NUMBER_INVALID`, `REGION_CODE_MALFORMED`, `INSTANT_INVALID`, `CALENDAR_DATA_MISSING`…)
 * and gains `details.field`, the path of the offending input (`applicant.idNumber`).
 */

export const MATTER_INPUT_CODES = {
  MATTER_ID_INVALID: 'matterId is not 1–128 characters of letters, digits, _ . : -',
  CASE_CODE_MALFORMED: 'caseCode is not two letters, seven symbols and a check symbol',
  CASE_CODE_CHECK_MISMATCH: "caseCode's check symbol does not match: mistyped",
  CHANNEL_INVALID: 'channel is not walk-in, hotline, online, kiosk or referral',
  ORG_ID_INVALID: 'an organisation id is missing',
  STAFF_ID_INVALID: 'firstResponsibleStaffId is missing',
  APPLICANT_KIND_INVALID: "applicant.kind is not 'person' or 'organisation'",
  PARTY_NAME_INVALID: 'a name of a party or contact is empty or longer than 100 characters',
  ID_TYPE_INVALID: "idType is not 'resident-id', 'passport' or 'other'",
  PASSPORT_NUMBER_INVALID: 'a passport number is not 5–20 letters and digits',
  ID_NUMBER_INVALID: "an 'other' ID number is empty or longer than 40 characters",
  MATTER_TYPE_INVALID: 'matterType has no code or name, or a line that is not a business line',
  DESCRIPTION_REQUIRED: 'description is empty',
  DESCRIPTION_TOO_LONG: 'description is longer than 4000 characters',
  ATTACHMENTS_INVALID: 'attachments is not a list',
  TOO_MANY_ATTACHMENTS: 'more than 20 attachments',
  ATTACHMENT_NAME_INVALID: 'an attachment name is empty or longer than 255 characters',
  ATTACHMENT_MEDIA_TYPE_INVALID: 'an attachment media type is not type/subtype',
  ATTACHMENT_SIZE_INVALID: 'an attachment size is not a positive integer',
  ATTACHMENT_TOO_LARGE: 'an attachment is larger than 50 MB',
  ATTACHMENT_SHA256_INVALID: 'an attachment SHA-256 is not 64 hex digits',
  ATTACHMENT_DUPLICATE: 'two attachments have the same SHA-256',
  REFERRAL_SOURCE_INVALID: 'referralSource has no organId',
  LINE_INVALID: 'line is not a business line',
  ORG_LINES_INVALID: 'handlingOrg.lines is not a list of business lines',
  ORG_LEVEL_INVALID: 'level is not province, city, county, township or village',
  ORG_LEVEL_MISMATCH: "level does not match the level of the organisation's region code",
  BACK_OFFICE_CASE_NO_INVALID: 'backOfficeCaseNo is empty or longer than 64 characters',
  RESULT_OUTCOME_INVALID: 'outcome is not completed, denied, terminated or withdrawn',
  FEEDBACK_CHANNEL_INVALID: 'channel is not sms, phone, in-person, online or post',
  RATING_LEVEL_INVALID: 'level is not one of the five 好差评 levels',
  SUPERVISION_ID_INVALID: 'supervisionId is empty or longer than 128 characters',
  FLAG_INVALID: 'a yes/no field is not a boolean',
  ANSWER_REQUIRED: 'answer is empty',
  ANSWER_TOO_LONG: 'answer is longer than 4000 characters',
  REASON_REQUIRED: 'reason is empty',
  REASON_TOO_LONG: 'reason is longer than 2000 characters',
  NOTE_REQUIRED: 'note is empty',
  NOTE_TOO_LONG: 'note is longer than 2000 characters',
  SUMMARY_REQUIRED: 'summary is empty',
  SUMMARY_TOO_LONG: 'summary is longer than 4000 characters',
  CONTENT_REQUIRED: 'feedback content is empty',
  CONTENT_TOO_LONG: 'feedback content is longer than 2000 characters',
  COMMENT_TOO_LONG: 'rating comment is longer than 500 characters',
  OUTCOME_REQUIRED: 'rectification outcome is empty',
  OUTCOME_TOO_LONG: 'rectification outcome is longer than 2000 characters',
  MATTER_POLICY_INVALID: 'a deadline of the matter policy is not { amount 1..3650, unit day | workingDay }',
} as const;

export const MATTER_RULE_CODES = {
  MATTER_ALREADY_REGISTERED: 'the matter id is taken',
  CONSENT_REQUIRED: 'the applicant did not consent to the use of their data (PIPL Arts. 13–14)',
  REFERRAL_SOURCE_REQUIRED: "channel 'referral' needs the referring organ",
  REFERRAL_SOURCE_UNEXPECTED: "a referral source was given for a channel other than 'referral'",
  NOT_RECEIVING_ORG: 'a desk action by another organisation than the receiving one (首问负责制)',
  MATTER_CLOSED: 'the matter was closed at the desk or its result fed back',
  MATTER_NOT_AT_DESK: 'the matter is with a back office',
  NOT_A_CONSULTATION: 'only a consultation (line null) is answered at the desk',
  LINE_DIFFERS_FROM_MATTER_TYPE: "the line is not the matter type's line",
  ORG_DOES_NOT_SERVE_LINE: 'the handling organisation does not serve the line',
  ROUTING_OVERRIDE_NEEDS_REASON: 'another region or level than the default agency (or no default) needs a reason',
  MATTER_NOT_ROUTED: 'a back-office reply while the matter is at the desk or closed there',
  REPLY_NOT_FROM_ROUTED_ORG: 'a back-office reply from another organisation or line than the routing',
  ALREADY_ACCEPTED: 'a second acceptance with another back-office case number',
  RETURN_AFTER_ACCEPTANCE: 'a return after the back office accepted the matter',
  MATTER_NOT_ACCEPTED: 'progress or a result before any acceptance',
  RESULT_ALREADY_RECEIVED: 'a second, different result',
  FEEDBACK_BEFORE_RESULT: 'feedback before the back office reached a result',
  FEEDBACK_ALREADY_DELIVERED: 'the feedback was delivered already',
  FEEDBACK_TIME_OUT_OF_RANGE: 'deliveredAt is in the future or before the result was received',
  RATING_BEFORE_FEEDBACK: 'a rating before the service was delivered (feedback or desk answer)',
  ALREADY_RATED: 'a second rating of the same service (一次一评)',
  NOT_RATED: 'an appeal before any rating',
  NO_OPEN_RECTIFICATION: 'no rectification is open',
  RECTIFICATION_NOT_BY_OWNER: 'the rectification is worked by another organisation than its owner',
  RECTIFICATION_CALL_BACK_MISSING: 'closing a rectification before calling the rater back',
  RECTIFICATION_RESULT_NOT_FED_BACK: 'closing a rectification without telling the rater the result',
  APPEAL_NOT_BY_RATED_ORG: 'an appeal by another organisation than the rated one',
  APPEAL_AGAINST_GOOD_RATING: 'an appeal against a rating that is not 不满意 or 非常不满意',
  APPEAL_ALREADY_FILED: 'a second appeal against the same rating',
  NO_PENDING_APPEAL: 'a review without a pending appeal',
  SUPERVISOR_ROLE_REQUIRED: "the actor lacks the 'supervisor' role",
  APPEAL_REVIEW_BY_APPELLANT: 'a supervisor of the appealing organisation reviews its own appeal',
  SUPERVISION_DUE_NOT_IN_FUTURE: 'a supervision due date not after now',
  NOTHING_TO_SUPERVISE: 'the matter has no open work to supervise',
  SUPERVISION_ID_TAKEN: 'a supervision with that id and other content exists',
  SUPERVISION_ALREADY_ANSWERED: 'the supervision was answered already',
  SUPERVISION_ANSWER_NOT_FROM_INVOLVED_ORG: 'a supervision answered by an organisation the matter does not involve',
} as const;

export const MATTER_NOT_FOUND_CODES = {
  MATTER_NOT_FOUND: 'no matter with that id was registered',
  SUPERVISION_NOT_FOUND: 'no supervision with that id on the matter',
} as const;

export type MatterInputCode = keyof typeof MATTER_INPUT_CODES;
export type MatterRuleCode = keyof typeof MATTER_RULE_CODES;
export type MatterNotFoundCode = keyof typeof MATTER_NOT_FOUND_CODES;

export function invalid(code: MatterInputCode, message: string, details?: Readonly<Record<string, unknown>>): InvalidInput {
  return new InvalidInput(code, message, details);
}

export function refuse(code: MatterRuleCode, message: string, details?: Readonly<Record<string, unknown>>): DomainRuleViolation {
  return new DomainRuleViolation(code, message, details);
}

export function notFound(code: MatterNotFoundCode, message: string, details?: Readonly<Record<string, unknown>>): NotFound {
  return new NotFound(code, message, details);
}
