import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, decodeCursor, encodeCursor, EVENT_STORE, MAX_PAGE_SIZE, streamName, type EventStore, type Page, type RecordedEvent } from '@pls/event-sourcing';
import { assertCanSeeRegion, InvalidInput, isWithin, newId, type Caller, type Clock } from '@pls/shared-kernel';

/** Which personal datum was read unmasked. */
export type PersonalDataField = 'ID_NUMBER' | 'PHONE';
export const PERSONAL_DATA_FIELDS: readonly PersonalDataField[] = ['ID_NUMBER', 'PHONE'];

export const AUDIT_CONTEXT = 'audit';
export const AUDIT_CATEGORY = 'trail';
export const PERSONAL_DATA_READ = 'audit.PersonalDataRead';
export const MAX_AUDIT_REASON = 500;
const MAX_AUDIT_DAYS = 366;

/** One audited read (PIPL): who read whose which field, why, when. Never the value itself. */
export interface PersonalDataRead {
  readonly readerUserId: string;
  readonly readerOrgId: string;
  readonly readerRoles: readonly string[];
  /** `matter-applicant` (a front-desk matter, subjectRef = case code) or `staff` (subjectRef = staff id). */
  readonly subjectKind: 'matter-applicant' | 'staff';
  readonly subjectRef: string;
  /** The region the subject's record belongs to: supervisors see the reads within their subtree. */
  readonly subjectRegionCode: string;
  readonly field: PersonalDataField;
  readonly reason: string;
  readonly readAt: string;
}

export interface AuditedRead extends PersonalDataRead {
  readonly eventId: string;
  readonly position: number;
}

/** `audit.trail-20260302`: one stream per UTC day. */
export function auditStreamFor(instant: Date): string {
  return streamName(AUDIT_CONTEXT, AUDIT_CATEGORY, instant.toISOString().slice(0, 10).replaceAll('-', ''));
}

/** The purpose a reader gives: required, trimmed, bounded, printable. */
export function parseAuditReason(value: string): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < 2) throw new InvalidInput('AUDIT_REASON_REQUIRED', 'an unmasked read needs a reason (at least two characters)');
  if (reason.length > MAX_AUDIT_REASON) throw new InvalidInput('AUDIT_REASON_TOO_LONG', `the reason may hold at most ${MAX_AUDIT_REASON} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) throw new InvalidInput('CONTROL_CHARACTERS', 'the reason may not contain control characters');
  return reason;
}

/**
 * Writes and reads the personal-data audit trail in the event store. The caller writes the record
 * BEFORE returning the unmasked value: if the append fails, the value is not released.
 */
@Injectable()
export class PersonalDataAudit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(caller: Caller, read: Omit<PersonalDataRead, 'readerUserId' | 'readerOrgId' | 'readerRoles' | 'readAt' | 'reason'> & { readonly reason: string }): Promise<void> {
    const now = this.clock.now();
    const data: PersonalDataRead = {
      readerUserId: caller.userId,
      readerOrgId: caller.orgId,
      readerRoles: [...caller.roles],
      subjectKind: read.subjectKind,
      subjectRef: read.subjectRef,
      subjectRegionCode: read.subjectRegionCode,
      field: read.field,
      reason: parseAuditReason(read.reason),
      readAt: now.toISOString(),
    };
    const id = newId();
    await this.store.appendToStream(
      auditStreamFor(now),
      [{
        eventId: id,
        type: PERSONAL_DATA_READ,
        schemaVersion: 1,
        occurredAt: data.readAt,
        data,
        metadata: { commandId: id, correlationId: id, causationId: id, actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] }, regionCode: read.subjectRegionCode },
      }],
      // Appends from many readers on the same day never conflict: each record stands alone.
      { expectedRevision: 'any' },
    );
  }

  /** Reads about subjects within `regionCode` (default: the caller's region), oldest first. */
  async trail(caller: Caller, query: { regionCode?: string | null; from: string; to: string; first?: number | null; after?: string | null }): Promise<Page<AuditedRead>> {
    const regionCode = query.regionCode ?? caller.regionCode;
    if (!/^\d{2,12}$/.test(regionCode)) throw new InvalidInput('MALFORMED_REGION_CODE', 'regionCode must be 2 to 12 digits');
    assertCanSeeRegion(caller, regionCode, 'this audit trail');
    const from = parseAuditInstant(query.from, 'from');
    const to = parseAuditInstant(query.to, 'to');
    if (to.getTime() < from.getTime()) throw new InvalidInput('PERIOD_INVALID', '`to` is before `from`');
    const days = Math.floor((Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())) / 86_400_000) + 1;
    if (days > MAX_AUDIT_DAYS) throw new InvalidInput('PERIOD_TOO_LONG', `the audit trail is read at most ${MAX_AUDIT_DAYS} days at a time`);
    const first = query.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InvalidInput('PAGE_SIZE_INVALID', `first must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
    let afterPosition = 0;
    if (query.after) {
      const cursor = decodeCursor(query.after);
      if (typeof cursor.value !== 'number' || !Number.isInteger(cursor.value) || cursor.value < 0) throw new InvalidInput('CURSOR_INVALID', 'the cursor is not one this API returned');
      afterPosition = cursor.value;
    }
    const matching: AuditedRead[] = [];
    for (let day = 0; day < days; day++) {
      const events = await this.store.readStream(auditStreamFor(new Date(from.getTime() + day * 86_400_000)));
      for (const event of events) {
        if (event.type !== PERSONAL_DATA_READ) continue;
        const read = toRead(event);
        const at = Date.parse(read.readAt);
        if (at < from.getTime() || at > to.getTime() || !isWithin(read.subjectRegionCode, regionCode)) continue;
        matching.push(read);
      }
    }
    matching.sort((a, b) => a.position - b.position);
    const rest = matching.filter((read) => read.position > afterPosition);
    const nodes = rest.slice(0, first);
    const cursors = nodes.map((read) => encodeCursor(read.position, read.eventId));
    return { nodes, cursors, hasNextPage: rest.length > first, endCursor: cursors.at(-1) ?? null, totalCount: matching.length };
  }
}

function toRead(event: RecordedEvent): AuditedRead {
  return { ...(event.data as PersonalDataRead), eventId: event.eventId, position: event.globalPosition };
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A strict ISO 8601 instant: impossible calendar dates (2026-02-30) and times (25:00) are refused. */
export function parseAuditInstant(value: string, name: string): Date {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const [year, month, day, hour, minute, second] = match ? match.slice(1, 7).map(Number) : [];
  const calendar = match ? new Date(Date.UTC(year, month - 1, day)) : null;
  const valid = calendar !== null && calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  const parsed = valid ? new Date(value) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new InvalidInput('MALFORMED_INSTANT', `${name} must be an ISO 8601 instant such as 2026-03-02T00:00:00Z`);
  return parsed;
}
