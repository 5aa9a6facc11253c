import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { decodeCursor, openProjectionCollection, paginate, PROCESS_REGISTRY, READ_STORE, type Page, type ProcessRegistry, type ReadStore } from '@pls/event-sourcing';
import { assertCanSeeRegion, InvalidInput, regionPrefix, type Caller } from '@pls/shared-kernel';
import { personalDataReadsProjection, type PersonalDataReadDocument } from './personal-data-reads.projection';

export { parseAuditReason, type PersonalDataField } from '@pls/event-sourcing';

const MAX_AUDIT_DAYS = 366;

export interface AuditTrailQuery {
  readonly regionCode?: string | null;
  readonly from: string;
  readonly to: string;
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * The personal-data audit trail, read from its projection: supervisors and admins see the reads
 * about subjects within their region subtree. Writing the records is the owning contexts' job
 * (their unmask use cases), before they release a value.
 */
@Injectable()
export class PersonalDataAudit {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  /** Reads about subjects within `regionCode` (default: the caller's region), oldest first. */
  async trail(caller: Caller, query: AuditTrailQuery): Promise<Page<PersonalDataReadDocument>> {
    const regionCode = query.regionCode ?? caller.regionCode;
    if (!/^\d{2,12}$/.test(regionCode)) throw new InvalidInput('MALFORMED_REGION_CODE', 'regionCode must be 2 to 12 digits');
    assertCanSeeRegion(caller, regionCode, 'this audit trail');
    const from = parseAuditInstant(query.from, 'from');
    const to = parseAuditInstant(query.to, 'to');
    if (to.getTime() < from.getTime()) throw new InvalidInput('PERIOD_INVALID', '`to` is before `from`');
    const days = Math.floor((Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())) / 86_400_000) + 1;
    if (days > MAX_AUDIT_DAYS) throw new InvalidInput('PERIOD_TOO_LONG', `the audit trail is read at most ${MAX_AUDIT_DAYS} days at a time`);
    // A cursor carries the last row's readAt: anything else did not come from this API.
    if (query.after && !isInstantString(decodeCursor(query.after).value)) throw new InvalidInput('CURSOR_INVALID', 'the cursor is not one this API returned');
    const collection = await openProjectionCollection(this.readStore, personalDataReadsProjection);
    const filter = { subjectRegionCode: { $regex: `^${regionPrefix(regionCode)}` }, readAt: { $gte: from.toISOString(), $lte: to.toISOString() } };
    return paginate(collection, filter, { field: 'readAt', direction: 1 }, { first: query.first ?? undefined, after: query.after ?? null });
  }
}

/** Registers the trail's projection once, wherever the read side runs, and offers the query. */
@Module({ providers: [PersonalDataAudit], exports: [PersonalDataAudit] })
export class PersonalDataAuditModule implements OnModuleInit {
  constructor(@Inject(PROCESS_REGISTRY) private readonly registry: ProcessRegistry) {}

  onModuleInit(): void {
    this.registry.registerProjection(personalDataReadsProjection);
  }
}

function isInstantString(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value);
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
