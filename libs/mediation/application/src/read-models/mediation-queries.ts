import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, openProjectionCollection, paginate, READ_STORE, type Filter, type Page, type PageRequest, type ReadCollection, type ReadStore } from '@pls/event-sourcing';
import { Forbidden, hasRole, InvalidInput, isWithin, NotFound, padRegionCode, parentRegionCode, regionPrefix, StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import { assertMaySeeMediation } from '../shared/mediation-access';
import type { MediationCaseDocument } from './mediation-case.document';
import { mediationCasesProjection } from './mediation-cases.projection';

export interface MediationFilter {
  /** Subtree to list; defaults to the caller's own region. */
  readonly regionCode?: string | null;
  readonly stage?: string | null;
  readonly sourceKind?: string | null;
  readonly category?: string | null;
}

export type MediationQueueKind = 'all' | 'awaiting-consent' | 'mediating' | 'signing' | 'overdue';
export type DeadlineStatus = 'none' | 'pending' | 'approaching' | 'overdue';

export interface MediationRegionIndicators {
  readonly regionCode: string;
  /** Opened in the period, refusals (no mediation, Art. 17) excluded. */
  readonly accepted: number;
  readonly refused: number;
  /** Concluded in the period: agreements, failures and withdrawals. */
  readonly concluded: number;
  /** Written and oral agreements concluded in the period. */
  readonly agreements: number;
  readonly writtenAgreements: number;
  readonly failures: number;
  readonly withdrawals: number;
  /** agreements / concluded in percent with two decimals; null when nothing concluded. */
  readonly successRate: number | null;
  readonly judicialConfirmationsApplied: number;
  /** Agreements a court ruled valid in the period. */
  readonly judicialConfirmations: number;
  /** Mean calendar days from opening to conclusion, two decimals; null when nothing concluded. */
  readonly averageDurationDays: number | null;
}

export interface MediationIndicators {
  readonly from: string;
  readonly to: string;
  readonly region: MediationRegionIndicators;
  /** The same figures for the parent region (DOMAIN.md §8: per region and its parent); null at a province. */
  readonly parent: MediationRegionIndicators | null;
}

const CONCLUDED = ['written-agreement', 'oral-agreement', 'failed', 'withdrawn'];
const AGREEMENTS = ['written-agreement', 'oral-agreement'];

/** The mediation read side: case files, lists, the committee's queue, the courts' and organs' views, indicators. */
@Injectable()
export class MediationQueries {
  private readonly calendar = new StatutoryCalendar({ beyondData: 'warn' });

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private collection(): Promise<ReadCollection<MediationCaseDocument>> {
    return openProjectionCollection<MediationCaseDocument>(this.readStore, mediationCasesProjection);
  }

  /** By id or by 调解案号. */
  async mediation(caller: Caller, key: { id?: string | null; caseNo?: string | null }): Promise<MediationCaseDocument> {
    if (!key.id && !key.caseNo) throw new InvalidInput('MEDIATION_KEY_REQUIRED', 'give id or caseNo');
    const collection = await this.collection();
    const found = key.id ? await collection.get(key.id) : ((await collection.find({ caseNo: key.caseNo }, { limit: 1 }))[0] ?? null);
    if (!found) throw new NotFound('MEDIATION_NOT_FOUND', `no mediation case ${key.id ?? key.caseNo}`);
    assertMaySeeMediation(caller, found);
    return found;
  }

  async mediations(caller: Caller, filter: MediationFilter, page: PageRequest): Promise<Page<MediationCaseDocument>> {
    this.assertStaff(caller);
    const region = filter.regionCode ? padRegionCode(filter.regionCode) : caller.regionCode;
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${filter.regionCode} lies outside your region scope`);
    const clauses: Filter[] = [{ $or: [{ regionCode: { $regex: `^${regionPrefix(region)}` } }, { committeeOrgId: caller.orgId }] }];
    if (filter.stage) clauses.push({ stage: filter.stage });
    if (filter.sourceKind) clauses.push({ 'source.kind': filter.sourceKind });
    if (filter.category) clauses.push({ category: filter.category });
    return paginate(await this.collection(), { $and: clauses }, { field: 'openedAt', direction: -1 }, page);
  }

  /** What awaits the committee, soonest deadline first; supervisors see their subtree. */
  async workQueue(caller: Caller, queue: MediationQueueKind, page: PageRequest): Promise<Page<MediationCaseDocument>> {
    this.assertStaff(caller);
    const scope: Filter = hasRole(caller, 'supervisor', 'admin') ? { regionCode: { $regex: `^${regionPrefix(caller.regionCode)}` } } : { committeeOrgId: caller.orgId };
    const kind: Filter = queue === 'overdue' ? { nextDueAt: { $lt: this.clock.now().toISOString() } } : queue === 'all' ? {} : { stage: queue };
    const open: Filter = { stage: { $in: ['awaiting-consent', 'mediating', 'signing'] } };
    return paginate(await this.collection(), { $and: [scope, open, kind] }, { field: 'openedAt', direction: 1 }, page);
  }

  /** The court's view: applications for judicial confirmation brought to it. */
  async confirmationRequests(caller: Caller, page: PageRequest): Promise<Page<MediationCaseDocument>> {
    if (!hasRole(caller, 'court')) throw new Forbidden('ROLE_NOT_ALLOWED', 'confirmation requests are read by the court');
    return paginate(await this.collection(), { 'confirmation.courtOrgId': caller.orgId }, { field: 'openedAt', direction: -1 }, page);
  }

  /** A referring organ's view (诉调/警调/访调对接): its own referrals with their outcome. */
  async referrals(caller: Caller, page: PageRequest): Promise<Page<MediationCaseDocument>> {
    if (!hasRole(caller, 'court', 'police', 'petitions')) throw new Forbidden('ROLE_NOT_ALLOWED', 'referrals are read by the referring organ');
    return paginate(await this.collection(), { 'source.referringOrgId': caller.orgId }, { field: 'openedAt', direction: -1 }, page);
  }

  /** Mediation indicators for a region subtree and its parent over [from, to) (DOMAIN.md §5.2, §8). */
  async indicators(caller: Caller, regionCode: string, from: string, to: string): Promise<MediationIndicators> {
    this.assertStaff(caller);
    const region = padRegionCode(regionCode);
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${regionCode} lies outside your region scope`);
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || Date.parse(from) >= Date.parse(to)) throw new InvalidInput('PERIOD_INVALID', 'from and to must be ISO instants with from before to');
    const period = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    const parent = parentRegionCode(region);
    return { from, to, region: await this.regionIndicators(region, period), parent: parent ? await this.regionIndicators(parent, period) : null };
  }

  deadlineStatus(mediation: MediationCaseDocument): DeadlineStatus {
    if (!mediation.nextDueAt) return 'none';
    const status = this.calendar.statusOfDue(mediation.nextDueAt, this.clock.now());
    return status === 'paused' ? 'pending' : status;
  }

  private async regionIndicators(region: string, period: { from: string; to: string }): Promise<MediationRegionIndicators> {
    const rows = await (await this.collection()).find({ regionCode: { $regex: `^${regionPrefix(region)}` } });
    const within = (instant: string | null | undefined): boolean => !!instant && instant >= period.from && instant < period.to;
    const opened = rows.filter((row) => within(row.openedAt));
    const concluded = rows.filter((row) => row.outcome !== null && CONCLUDED.includes(row.outcome.kind) && within(row.concludedAt));
    const agreements = concluded.filter((row) => AGREEMENTS.includes(row.outcome?.kind ?? ''));
    const durations = concluded.map((row) => row.durationDays ?? 0);
    return {
      regionCode: region,
      accepted: opened.filter((row) => row.stage !== 'refused').length,
      refused: opened.filter((row) => row.stage === 'refused').length,
      concluded: concluded.length,
      agreements: agreements.length,
      writtenAgreements: agreements.filter((row) => row.outcome?.kind === 'written-agreement').length,
      failures: concluded.filter((row) => row.outcome?.kind === 'failed').length,
      withdrawals: concluded.filter((row) => row.outcome?.kind === 'withdrawn').length,
      successRate: concluded.length === 0 ? null : Math.round((agreements.length / concluded.length) * 10_000) / 100,
      judicialConfirmationsApplied: rows.filter((row) => within(row.confirmation?.appliedAt)).length,
      judicialConfirmations: rows.filter((row) => row.confirmation?.ruling === 'valid' && within(row.confirmation.ruledAt)).length,
      averageDurationDays: durations.length === 0 ? null : Math.round((durations.reduce((sum, days) => sum + days, 0) / durations.length) * 100) / 100,
    };
  }

  private assertStaff(caller: Caller): void {
    const mediator = hasRole(caller, 'handler') && caller.lines.includes('mediation');
    if (!mediator && !hasRole(caller, 'supervisor', 'admin')) throw new Forbidden('ROLE_NOT_ALLOWED', 'mediation views are for mediators and supervisors');
  }
}
