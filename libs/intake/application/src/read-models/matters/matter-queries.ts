import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, openProjectionCollection, paginate, READ_STORE, type Filter, type Page, type PageRequest, type ReadCollection, type ReadStore } from '@pls/event-sourcing';
import { parseCaseCode } from '@pls/intake-domain';
import { Forbidden, hasRole, instantMs, InvalidInput, isWithin, NotFound, padRegionCode, regionPrefix, StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import { assertMaySeeMatter } from '../../shared/matter-access';
import { PhoneDigitsGuessLimit } from '../../public-lookup/phone-digits-guess-limit';
import { phoneMatches } from '../../rate-service/rate-service.use-case';
import type { MatterDocument } from './matter.document';
import { mattersProjection } from './matters.projection';

export interface MatterFilter {
  /** Subtree to list; defaults to the caller's own region. */
  readonly regionCode?: string | null;
  readonly channel?: string | null;
  readonly line?: string | null;
  readonly stage?: string | null;
  /** Only matters with an open deadline already passed. */
  readonly overdue?: boolean | null;
  /** Registered at or after / before (ISO instants). */
  readonly registeredFrom?: string | null;
  readonly registeredBefore?: string | null;
}

export type DeadlineStatus = 'none' | 'pending' | 'approaching' | 'overdue';

export interface PublicProgress {
  readonly caseCode: string;
  readonly matterType: string;
  readonly stage: string;
  readonly registeredAt: string;
  readonly completedAt: string | null;
  readonly steps: readonly { readonly at: string; readonly text: string }[];
}

export interface FrontDeskStats {
  readonly regionCode: string;
  readonly from: string;
  readonly to: string;
  readonly registered: number;
  readonly byChannel: readonly { readonly key: string; readonly count: number }[];
  readonly byLine: readonly { readonly key: string; readonly count: number }[];
  readonly consultationsAnswered: number;
  readonly routed: number;
  readonly returned: number;
  readonly feedbackDelivered: number;
  readonly feedbackOnTime: number;
  /** feedbackOnTime / feedbackDelivered, two decimals in percent; null when nothing was fed back. */
  readonly feedbackOnTimeRate: number | null;
  readonly ratings: number;
  readonly satisfied: number;
  /** (非常满意 + 满意 + 基本满意) / ratings not excluded by an upheld appeal, in percent. */
  readonly satisfactionRate: number | null;
  readonly rectificationsOpened: number;
  readonly rectificationsClosedOnTime: number;
  readonly rectificationsOnTimeRate: number | null;
  readonly openOverdue: number;
}

const SATISFIED_LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied'];

/** The front desk's read side: case files, lists, work queues, the public page and indicators. */
@Injectable()
export class MatterQueries {
  private readonly calendar = new StatutoryCalendar({ beyondData: 'warn' });

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly guesses: PhoneDigitsGuessLimit,
  ) {}

  private collection(): Promise<ReadCollection<MatterDocument>> {
    return openProjectionCollection<MatterDocument>(this.readStore, mattersProjection);
  }

  async caseFile(caller: Caller, code: string): Promise<MatterDocument> {
    const matter = await this.byCaseCode(code);
    if (!matter) throw new NotFound('MATTER_NOT_FOUND', `no matter with case code ${code}`);
    assertMaySeeMatter(caller, matter);
    return matter;
  }

  async matters(caller: Caller, filter: MatterFilter, page: PageRequest): Promise<Page<MatterDocument>> {
    this.assertStaff(caller);
    return paginate(await this.collection(), this.listFilter(caller, filter), { field: 'registeredAt', direction: -1 }, page);
  }

  /**
   * What awaits me, soonest deadline first: a clerk or handler sees what their organisation must
   * do next; a supervisor sees everything with an open deadline in their subtree.
   */
  async workQueue(caller: Caller, options: { overdueOnly?: boolean | null }, page: PageRequest): Promise<Page<MatterDocument>> {
    this.assertStaff(caller);
    const now = this.clock.now().toISOString();
    const due = options.overdueOnly ? { nextDueAt: { $lt: now } } : {};
    const filter: Filter = hasRole(caller, 'supervisor', 'admin')
      ? { $and: [this.scopeFilter(caller, caller.regionCode), { nextDueAt: { $ne: null } }, due] }
      : { $and: [{ awaitingOrgId: caller.orgId }, due] };
    return paginate(await this.collection(), filter, { field: 'nextDueAt', direction: 1 }, page);
  }

  /** The applicant's look-up: the case code plus the last four digits of their phone, nothing personal back. */
  async publicProgress(code: string, phoneLast4: string): Promise<PublicProgress> {
    if (typeof phoneLast4 !== 'string' || !/^\d{4}$/.test(phoneLast4)) throw new InvalidInput('PHONE_LAST4_INVALID', 'give the last four digits of the phone number on the receipt');
    const caseCode = parseCaseCodeOrNull(code);
    // One answer for "no such code" and "wrong digits", so the page cannot be used to probe codes.
    if (caseCode === null) throw new NotFound('MATTER_NOT_FOUND', 'no matter with that case code and phone number');
    await this.guesses.beginAttempt(caseCode);
    const matter = await this.byCaseCode(caseCode);
    if (!matter || !phoneMatches(matter, phoneLast4)) throw new NotFound('MATTER_NOT_FOUND', 'no matter with that case code and phone number');
    await this.guesses.answeredRightly(caseCode);
    return {
      caseCode: matter.caseCode,
      matterType: matter.matterType.name,
      stage: matter.stage,
      registeredAt: matter.registeredAt,
      completedAt: matter.completedAt,
      steps: matter.timeline.filter((step) => step.public).map((step) => ({ at: step.at, text: step.text })),
    };
  }

  deadlineStatus(matter: MatterDocument): DeadlineStatus {
    if (!matter.nextDueAt) return 'none';
    const status = this.calendar.statusOfDue(matter.nextDueAt, this.clock.now());
    return status === 'paused' ? 'pending' : status;
  }

  /** Front-desk indicators for a region subtree and period (DOMAIN.md §8). */
  async regionStats(caller: Caller, regionCode: string, from: string, to: string): Promise<FrontDeskStats> {
    this.assertStaff(caller);
    const region = padRegionCode(regionCode);
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${regionCode} lies outside your region scope`);
    const fromInstant = instant(from, 'from');
    const toInstant = instant(to, 'to');
    if (fromInstant >= toInstant) throw new InvalidInput('PERIOD_INVALID', 'from must be before to');
    const rows = await (await this.collection()).find({ receivingRegionCode: { $regex: `^${regionPrefix(region)}` }, registeredAt: { $gte: fromInstant, $lt: toInstant } });
    const now = this.clock.now().toISOString();
    const count = (predicate: (row: MatterDocument) => boolean): number => rows.filter(predicate).length;
    const tally = (key: (row: MatterDocument) => string | null) => {
      const counts = new Map<string, number>();
      for (const row of rows) {
        const value = key(row);
        if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return [...counts].map(([k, c]) => ({ key: k, count: c })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    const rated = rows.filter((row) => row.rating && !row.rating.excluded);
    const satisfied = rated.filter((row) => SATISFIED_LEVELS.includes(row.rating?.level ?? '')).length;
    const fedBack = count((row) => row.feedback !== null);
    const fedBackOnTime = count((row) => row.feedback?.onTime === true);
    const rectifications = rows.filter((row) => row.rectification !== null && row.rectification.status !== 'cancelled');
    const rectifiedOnTime = rectifications.filter((row) => row.rectification?.onTime === true).length;
    return {
      regionCode: region,
      from,
      to,
      registered: rows.length,
      byChannel: tally((row) => row.channel),
      byLine: tally((row) => row.line),
      consultationsAnswered: count((row) => row.answer !== null),
      routed: count((row) => row.timeline.some((step) => step.kind === 'MatterRouted')),
      returned: count((row) => row.returns > 0),
      feedbackDelivered: fedBack,
      feedbackOnTime: fedBackOnTime,
      feedbackOnTimeRate: percent(fedBackOnTime, fedBack),
      ratings: rated.length,
      satisfied,
      satisfactionRate: percent(satisfied, rated.length),
      rectificationsOpened: rectifications.length,
      rectificationsClosedOnTime: rectifiedOnTime,
      rectificationsOnTimeRate: percent(rectifiedOnTime, rectifications.length),
      openOverdue: count((row) => row.nextDueAt !== null && row.nextDueAt < now),
    };
  }

  private async byCaseCode(code: string): Promise<MatterDocument | null> {
    const caseCode = parseCaseCode(code).value;
    const [matter] = await (await this.collection()).find({ caseCode }, { limit: 1 });
    return matter ?? null;
  }

  private assertStaff(caller: Caller): void {
    if (!hasRole(caller, 'clerk', 'handler', 'supervisor', 'admin')) throw new Forbidden('ROLE_NOT_ALLOWED', 'front-desk views are for platform staff');
  }

  /** Rows received or handled inside a subtree; handlers only see their own lines. */
  private scopeFilter(caller: Caller, regionCode: string): Filter {
    const inRegion: Filter = { $or: [{ regionPath: padRegionCode(regionCode) }, { receivingOrgId: caller.orgId }, { handlingOrgId: caller.orgId }] };
    if (hasRole(caller, 'clerk', 'supervisor', 'admin')) return inRegion;
    return { $and: [inRegion, { line: { $in: [...caller.lines] } }] };
  }

  private listFilter(caller: Caller, filter: MatterFilter): Filter {
    const region = filter.regionCode ? padRegionCode(filter.regionCode) : caller.regionCode;
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${filter.regionCode} lies outside your region scope`);
    const clauses: Filter[] = [this.scopeFilter(caller, region)];
    if (filter.channel) clauses.push({ channel: filter.channel });
    if (filter.line) clauses.push({ line: filter.line });
    if (filter.stage) clauses.push({ stage: filter.stage });
    if (filter.overdue) clauses.push({ nextDueAt: { $lt: this.clock.now().toISOString() } });
    if (filter.registeredFrom) clauses.push({ registeredAt: { $gte: instant(filter.registeredFrom, 'registeredFrom') } });
    if (filter.registeredBefore) clauses.push({ registeredAt: { $lt: instant(filter.registeredBefore, 'registeredBefore') } });
    return { $and: clauses };
  }
}

function parseCaseCodeOrNull(code: string): string | null {
  try {
    return parseCaseCode(code).value;
  } catch {
    return null;
  }
}

/** Strict: `2026-02-30` is refused, not rolled over into March as `Date.parse` would. */
function instant(value: string, field: string): string {
  return new Date(instantMs(value, field)).toISOString();
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;
}

