import { InvalidInput, newId, type Caller, type Clock } from '@pls/shared-kernel';
import { qualifiedType, streamName, type RecordedEvent } from './envelope';
import type { EventStore } from './ports/event-store.port';

/** Which personal datum was read unmasked. */
export type PersonalDataField = 'ID_NUMBER' | 'PHONE';
export const PERSONAL_DATA_FIELDS: readonly PersonalDataField[] = ['ID_NUMBER', 'PHONE'];

/** Whose datum: a front-desk applicant, a staff member, a mediation party, a legal-aid applicant. */
export type PersonalDataSubjectKind = 'matter-applicant' | 'staff' | 'mediation-party' | 'legal-aid-applicant';

export const PERSONAL_DATA_READ = 'PersonalDataRead';
export const AUDIT_CATEGORY = 'audit';
export const MAX_AUDIT_REASON = 500;

/** One audited read (PIPL): who read whose which field, why, when. Never the value itself. */
export interface PersonalDataRead {
  readonly readerUserId: string;
  readonly readerOrgId: string;
  readonly readerRoles: readonly string[];
  readonly subjectKind: PersonalDataSubjectKind;
  /** Case code, staff id, `<mediation case no>/<party id>`, legal-aid application number. */
  readonly subjectRef: string;
  /** The region the subject's record belongs to: supervisors see the reads within their subtree. */
  readonly subjectRegionCode: string;
  readonly field: PersonalDataField;
  readonly reason: string;
  readonly readAt: string;
}

/**
 * `<context>.audit-<read id>`: the context that holds the datum writes the record to its own store,
 * so in the distributed mode, where every service has its own store, two services' audit streams
 * never share an id; one stream per read keeps appends free of contention.
 */
export function personalDataReadStreamId(context: string, readId: string): string {
  return streamName(context, AUDIT_CATEGORY, readId);
}

/** The record travels on its context's own topic (`pls.<context>`), as every event of the context does. */
export function isPersonalDataRead(event: Pick<RecordedEvent, 'type' | 'streamId'>): boolean {
  const dot = event.type.indexOf('.');
  return dot > 0 && event.type.slice(dot + 1) === PERSONAL_DATA_READ && event.streamId.startsWith(`${event.type.slice(0, dot)}.${AUDIT_CATEGORY}-`);
}

/** The purpose a reader gives: required, trimmed, bounded, printable. */
export function parseAuditReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < 2) throw new InvalidInput('AUDIT_REASON_REQUIRED', 'an unmasked read needs a reason (at least two characters)');
  if (reason.length > MAX_AUDIT_REASON) throw new InvalidInput('AUDIT_REASON_TOO_LONG', `the reason may hold at most ${MAX_AUDIT_REASON} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) throw new InvalidInput('CONTROL_CHARACTERS', 'the reason may not contain control characters');
  return reason;
}

export function parsePersonalDataField(value: unknown): PersonalDataField {
  if (!PERSONAL_DATA_FIELDS.includes(value as PersonalDataField)) throw new InvalidInput('PERSONAL_DATA_FIELD_INVALID', `field must be one of ${PERSONAL_DATA_FIELDS.join(', ')}`);
  return value as PersonalDataField;
}

export type PersonalDataReadRequest = Pick<PersonalDataRead, 'subjectKind' | 'subjectRef' | 'subjectRegionCode' | 'field' | 'reason'>;

/**
 * Appends the audit record of an unmasked read to the owning context's store. Callers release the
 * value only after this resolves: if the append fails, nothing is released.
 */
export async function appendPersonalDataRead(store: EventStore, clock: Clock, context: string, caller: Caller, read: PersonalDataReadRequest): Promise<PersonalDataRead> {
  const readAt = clock.now().toISOString();
  const data: PersonalDataRead = {
    readerUserId: caller.userId,
    readerOrgId: caller.orgId,
    readerRoles: [...caller.roles],
    subjectKind: read.subjectKind,
    subjectRef: read.subjectRef,
    subjectRegionCode: read.subjectRegionCode,
    field: read.field,
    reason: parseAuditReason(read.reason),
    readAt,
  };
  const id = newId();
  await store.appendToStream(
    personalDataReadStreamId(context, id),
    [{
      eventId: id,
      type: qualifiedType(context, PERSONAL_DATA_READ),
      schemaVersion: 1,
      occurredAt: readAt,
      data,
      metadata: { commandId: id, correlationId: id, causationId: id, actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] }, regionCode: read.subjectRegionCode },
    }],
    { expectedRevision: 'no_stream' },
  );
  return data;
}
