import {
  atField,
  instant,
  InvalidInput,
  oneOf as kernelOneOf,
  parsePhoneNumber,
  parseResidentIdNumber,
  parseUnifiedSocialCreditCode,
  REGION_LEVELS,
  regionCode,
  regionLevel,
  type RegionLevel,
} from '@pls/shared-kernel';
import { parseCaseCode } from './case-code';
import type { AttachmentInput, PersonInput, RoutingOrgInput } from './matter.commands';
import { invalid, type MatterInputCode } from './matter.refusals';
import { DESCRIPTION_MAX_CHARS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './matter.rules';
import {
  BUSINESS_LINES,
  FEEDBACK_CHANNELS,
  ID_TYPES,
  INTAKE_CHANNELS,
  RATING_LEVELS,
  RESULT_OUTCOMES,
  type Applicant,
  type Attachment,
  type BusinessLine,
  type FeedbackChannel,
  type IntakeChannel,
  type MatterType,
  type Person,
  type RatingLevel,
  type ResultOutcome,
} from './matter.types';

/** Shape checks and normalisation of command input, before any business rule is asked. */

const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const PASSPORT = /^[A-Z0-9]{5,20}$/;

function length(text: string): number {
  return Array.from(text).length;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, code: MatterInputCode, field: string): T {
  return kernelOneOf(allowed, value, code, field);
}

/** A non-empty trimmed string of at most `max` characters. */
export function requiredText(value: unknown, field: string, max: number, codes: { empty: MatterInputCode; tooLong: MatterInputCode }): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw invalid(codes.empty, `${field} must not be empty`, { field });
  if (length(trimmed) > max) throw invalid(codes.tooLong, `${field} must be at most ${max} characters, got ${length(trimmed)}`, { field, max });
  return trimmed;
}

/** Texts whose codes follow `<NAME>_REQUIRED` / `<NAME>_TOO_LONG`. */
export function text(
  value: unknown,
  field: string,
  name: 'ANSWER' | 'REASON' | 'NOTE' | 'SUMMARY' | 'CONTENT' | 'OUTCOME',
  max: number,
): string {
  return requiredText(value, field, max, { empty: `${name}_REQUIRED`, tooLong: `${name}_TOO_LONG` });
}

/** An optional text that is null when absent or blank. */
export function optionalReason(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return text(value, field, 'REASON', max);
}

export function identifier(value: unknown, code: MatterInputCode, field: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!ENTITY_ID.test(id)) {
    throw invalid(code, `${field} must be 1 to 128 letters, digits, _ . : - starting with a letter or digit, got ${JSON.stringify(value)}`, { field });
  }
  return id;
}

export function flag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid('FLAG_INVALID', `${field} must be true or false, got ${JSON.stringify(value)}`, { field });
  return value;
}

export { instant };

export function caseCode(value: unknown): string {
  return atField('caseCode', () => parseCaseCode(value as string).value);
}

export function channel(value: unknown): IntakeChannel {
  return oneOf(INTAKE_CHANNELS, value, 'CHANNEL_INVALID', 'channel');
}

export function line(value: unknown, field = 'line'): BusinessLine {
  return oneOf(BUSINESS_LINES, value, 'LINE_INVALID', field);
}

export function resultOutcome(value: unknown): ResultOutcome {
  return oneOf(RESULT_OUTCOMES, value, 'RESULT_OUTCOME_INVALID', 'outcome');
}

export function feedbackChannel(value: unknown): FeedbackChannel {
  return oneOf(FEEDBACK_CHANNELS, value, 'FEEDBACK_CHANNEL_INVALID', 'channel');
}

export function ratingLevel(value: unknown): RatingLevel {
  return oneOf(RATING_LEVELS, value, 'RATING_LEVEL_INVALID', 'level');
}

export { regionCode };

export function orgId(value: unknown, field: string): string {
  return identifier(value, 'ORG_ID_INVALID', field);
}

/** A routing target: its region code padded to 12 digits and its level consistent with it. */
export function routingOrg(value: RoutingOrgInput | null | undefined, field: string): RoutingOrgInput {
  if (typeof value !== 'object' || value === null) throw invalid('ORG_ID_INVALID', `${field} is required`, { field });
  const id = orgId(value.orgId, `${field}.orgId`);
  const code = regionCode(value.regionCode, `${field}.regionCode`);
  const level = oneOf<RegionLevel>(REGION_LEVELS, value.level, 'ORG_LEVEL_INVALID', `${field}.level`);
  if (regionLevel(code) !== level) {
    throw invalid('ORG_LEVEL_MISMATCH', `${field}.level is ${level} but region ${code} is a ${regionLevel(code)}`, { field: `${field}.level` });
  }
  return { orgId: id, regionCode: code, level };
}

export function servedLines(value: unknown, field: string): BusinessLine[] {
  if (!Array.isArray(value)) throw invalid('ORG_LINES_INVALID', `${field} must be a list of business lines`, { field });
  return value.map((entry, index) => oneOf(BUSINESS_LINES, entry, 'ORG_LINES_INVALID', `${field}[${index}]`));
}

function partyName(value: unknown, field: string): string {
  return requiredText(value, field, 100, { empty: 'PARTY_NAME_INVALID', tooLong: 'PARTY_NAME_INVALID' });
}

function phone(value: unknown, field: string): string {
  return atField(field, () => {
    const parsed = parsePhoneNumber(value as string);
    // 12348 is the hotline itself, never a way to reach the person.
    if (parsed.kind === 'hotline') throw new InvalidInput('PHONE_NUMBER_INVALID', 'the 12348 hotline is not a contact number of a party');
    return parsed.value;
  });
}

/** A natural person; a resident ID number is checked against GB 11643 as of `asOf`. */
export function person(value: PersonInput | null | undefined, field: string, asOf: string): Person {
  if (typeof value !== 'object' || value === null) throw invalid('PARTY_NAME_INVALID', `${field} is required`, { field });
  const name = partyName(value.name, `${field}.name`);
  const idType = oneOf(ID_TYPES, value.idType, 'ID_TYPE_INVALID', `${field}.idType`);
  const idField = `${field}.idNumber`;
  let idNumber: string;
  switch (idType) {
    case 'resident-id':
      idNumber = atField(idField, () => parseResidentIdNumber(value.idNumber, { asOf }).value);
      break;
    case 'passport': {
      const passport = typeof value.idNumber === 'string' ? value.idNumber.replace(/\s/g, '').toUpperCase() : '';
      if (!PASSPORT.test(passport)) throw invalid('PASSPORT_NUMBER_INVALID', `${idField} must be 5 to 20 letters and digits`, { field: idField });
      idNumber = passport;
      break;
    }
    case 'other':
      idNumber = requiredText(value.idNumber, idField, 40, { empty: 'ID_NUMBER_INVALID', tooLong: 'ID_NUMBER_INVALID' });
      break;
    default: {
      const unexpected: never = idType;
      throw invalid('ID_TYPE_INVALID', `unknown idType ${String(unexpected)}`, { field });
    }
  }
  return { kind: 'person', name, idType, idNumber, phone: phone(value.phone, `${field}.phone`) };
}

export function applicant(value: unknown, asOf: string): Applicant {
  const input = value as { kind?: unknown } | null | undefined;
  const kind = typeof input === 'object' && input !== null ? input.kind : undefined;
  if (kind === 'person') return person(value as PersonInput, 'applicant', asOf);
  if (kind === 'organisation') {
    const organisation = value as { name: unknown; uscc: unknown; contactName: unknown; contactPhone: unknown };
    return {
      kind: 'organisation',
      name: requiredText(organisation.name, 'applicant.name', 200, { empty: 'PARTY_NAME_INVALID', tooLong: 'PARTY_NAME_INVALID' }),
      uscc: atField('applicant.uscc', () => parseUnifiedSocialCreditCode(organisation.uscc as string).value),
      contactName: partyName(organisation.contactName, 'applicant.contactName'),
      contactPhone: phone(organisation.contactPhone, 'applicant.contactPhone'),
    };
  }
  throw invalid('APPLICANT_KIND_INVALID', `applicant.kind must be 'person' or 'organisation', got ${JSON.stringify(kind)}`, { field: 'applicant.kind' });
}

export function matterType(value: MatterType | null | undefined): MatterType {
  if (typeof value !== 'object' || value === null) throw invalid('MATTER_TYPE_INVALID', 'matterType is required', { field: 'matterType' });
  const code = typeof value.code === 'string' ? value.code.trim() : '';
  const name = typeof value.name === 'string' ? value.name.trim() : '';
  if (code === '' || code.length > 64) throw invalid('MATTER_TYPE_INVALID', 'matterType.code must be 1 to 64 characters', { field: 'matterType.code' });
  if (name === '' || length(name) > 100) throw invalid('MATTER_TYPE_INVALID', 'matterType.name must be 1 to 100 characters', { field: 'matterType.name' });
  if (value.line !== null && !(BUSINESS_LINES as readonly unknown[]).includes(value.line)) {
    throw invalid('MATTER_TYPE_INVALID', `matterType.line must be null (consultation) or one of ${BUSINESS_LINES.join(', ')}`, { field: 'matterType.line' });
  }
  return { code, name, line: value.line };
}

export function description(value: unknown): string {
  return requiredText(value, 'description', DESCRIPTION_MAX_CHARS, { empty: 'DESCRIPTION_REQUIRED', tooLong: 'DESCRIPTION_TOO_LONG' });
}

export function attachments(value: readonly AttachmentInput[] | null | undefined): Attachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('ATTACHMENTS_INVALID', 'attachments must be a list', { field: 'attachments' });
  if (value.length > MAX_ATTACHMENTS) {
    throw invalid('TOO_MANY_ATTACHMENTS', `at most ${MAX_ATTACHMENTS} attachments, got ${value.length}`, { field: 'attachments', max: MAX_ATTACHMENTS });
  }
  const seen = new Set<string>();
  return value.map((attachment, index) => {
    const field = `attachments[${index}]`;
    if (typeof attachment !== 'object' || attachment === null) throw invalid('ATTACHMENTS_INVALID', `${field} must be an object`, { field });
    const name = requiredText(attachment.name, `${field}.name`, 255, { empty: 'ATTACHMENT_NAME_INVALID', tooLong: 'ATTACHMENT_NAME_INVALID' });
    const mediaType = typeof attachment.mediaType === 'string' ? attachment.mediaType.trim().toLowerCase() : '';
    if (!MEDIA_TYPE.test(mediaType)) {
      throw invalid('ATTACHMENT_MEDIA_TYPE_INVALID', `${field}.mediaType must be type/subtype, got ${JSON.stringify(attachment.mediaType)}`, { field: `${field}.mediaType` });
    }
    const { sizeBytes } = attachment;
    if (typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes < 1) {
      throw invalid('ATTACHMENT_SIZE_INVALID', `${field}.sizeBytes must be a positive integer, got ${JSON.stringify(sizeBytes)}`, { field: `${field}.sizeBytes` });
    }
    if (sizeBytes > MAX_ATTACHMENT_BYTES) {
      throw invalid('ATTACHMENT_TOO_LARGE', `${field} is ${sizeBytes} bytes; at most ${MAX_ATTACHMENT_BYTES} (50 MB)`, { field: `${field}.sizeBytes`, max: MAX_ATTACHMENT_BYTES });
    }
    const sha256 = typeof attachment.sha256 === 'string' ? attachment.sha256.trim().toLowerCase() : '';
    if (!SHA256.test(sha256)) throw invalid('ATTACHMENT_SHA256_INVALID', `${field}.sha256 must be 64 hex digits`, { field: `${field}.sha256` });
    if (seen.has(sha256)) throw invalid('ATTACHMENT_DUPLICATE', `${field} repeats the file of an earlier attachment`, { field: `${field}.sha256` });
    seen.add(sha256);
    return { name, mediaType, sizeBytes, sha256 };
  });
}
