import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import { CLOCK, openProjectionCollection, paginate, READ_STORE, type Filter, type Page, type PageRequest, type ReadCollection, type ReadStore } from '@pls/event-sourcing';
import { Forbidden, hasRole, InvalidInput, isWithin, NotFound, padRegionCode, regionPrefix, shanghaiDate, StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import { DutyQueries } from '../duty-lawyers/duty-queries';
import { assertMaySeeApplication } from '../../shared/application-access';
import type { LegalAidApplicationDocument } from './application.document';
import { applicationsProjection, LAWYER_ACTING_STAGES } from './applications.projection';

export interface ApplicationFilter {
  /** Subtree to list; defaults to the caller's own region. */
  readonly regionCode?: string | null;
  readonly stage?: string | null;
  readonly sourceKind?: string | null;
  readonly overdue?: boolean | null;
}

export type WorkQueueKind = 'all' | 'to-review' | 'to-assign' | 'overdue';
export type DeadlineStatus = 'none' | 'pending' | 'approaching' | 'overdue';

export interface NotifiedDefenceView {
  readonly application: LegalAidApplicationDocument;
  readonly lawyerName: string | null;
  readonly firmName: string | null;
  /** Null while no lawyer is assigned. */
  readonly assignedOnTime: boolean | null;
}

export interface LegalAidIndicators {
  readonly regionCode: string;
  readonly from: string;
  readonly to: string;
  readonly received: number;
  readonly granted: number;
  readonly denied: number;
  readonly decisionsOnTime: number;
  readonly notifiedDefences: number;
  readonly notifiedAssigned: number;
  readonly notifiedAssignedOnTime: number;
  /** notifiedAssignedOnTime / notifiedDefences in percent (target 100%); null without notices. */
  readonly notifiedOnTimeRate: number | null;
  /** Aided cases (granted, urgent or notified) per 10,000 residents; null without a recorded population. */
  readonly casesPer10kResidents: number | null;
  readonly population: number | null;
  /** 值班律师 at stations of the region: consultations, those referred to legal aid, plea agreements witnessed. */
  readonly dutyConsultations: number;
  readonly dutyReferrals: number;
  readonly pleaAgreementsWitnessed: number;
}

export interface LawyerWorkload {
  readonly lawyerId: string;
  readonly name: string;
  readonly firmOrgId: string;
  readonly criminalDefenceYears: number;
  readonly specialties: readonly string[];
  readonly openCases: number;
  readonly maxConcurrentCases: number;
}

const REVIEW_STAGES = ['received', 'awaiting-materials'];

/** The legal aid read side: case files, lists, work queues and the notifying organs' view. */
@Injectable()
export class ApplicationQueries {
  private readonly calendar = new StatutoryCalendar({ beyondData: 'warn' });

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
    private readonly duty: DutyQueries,
  ) {}

  private collection(): Promise<ReadCollection<LegalAidApplicationDocument>> {
    return openProjectionCollection<LegalAidApplicationDocument>(this.readStore, applicationsProjection);
  }

  /** By id or by 申请编号. */
  async application(caller: Caller, key: { id?: string | null; applicationNo?: string | null }): Promise<LegalAidApplicationDocument> {
    if (!key.id && !key.applicationNo) throw new InvalidInput('APPLICATION_KEY_REQUIRED', 'give id or applicationNo');
    const collection = await this.collection();
    const found = key.id ? await collection.get(key.id) : ((await collection.find({ applicationNo: key.applicationNo }, { limit: 1 }))[0] ?? null);
    if (!found) throw new NotFound('APPLICATION_NOT_FOUND', `no legal aid application ${key.id ?? key.applicationNo}`);
    assertMaySeeApplication(caller, found);
    return found;
  }

  async applications(caller: Caller, filter: ApplicationFilter, page: PageRequest): Promise<Page<LegalAidApplicationDocument>> {
    this.assertStaff(caller);
    const region = filter.regionCode ? padRegionCode(filter.regionCode) : caller.regionCode;
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${filter.regionCode} lies outside your region scope`);
    const clauses: Filter[] = [{ $or: [{ regionCode: { $regex: `^${regionPrefix(region)}` } }, { agencyOrgId: caller.orgId }] }];
    if (filter.stage) clauses.push({ stage: filter.stage });
    if (filter.sourceKind) clauses.push({ 'source.kind': filter.sourceKind });
    if (filter.overdue) clauses.push({ nextDueAt: { $lt: this.clock.now().toISOString() } });
    return paginate(await this.collection(), { $and: clauses }, { field: 'receivedAt', direction: -1 }, page);
  }

  /**
   * What awaits the agency, soonest deadline first; supervisors see every open deadline of their
   * subtree (a pending objection is theirs to decide).
   */
  async workQueue(caller: Caller, queue: WorkQueueKind, page: PageRequest): Promise<Page<LegalAidApplicationDocument>> {
    this.assertStaff(caller);
    const scope: Filter = hasRole(caller, 'supervisor', 'admin') ? { regionCode: { $regex: `^${regionPrefix(caller.regionCode)}` } } : { agencyOrgId: caller.orgId };
    const kind: Filter =
      queue === 'to-review' ? { stage: { $in: REVIEW_STAGES } } : queue === 'to-assign' ? { stage: 'granted' } : queue === 'overdue' ? { nextDueAt: { $lt: this.clock.now().toISOString() } } : {};
    return paginate(await this.collection(), { $and: [scope, { nextDueAt: { $ne: null } }, kind] }, { field: 'queueKey', direction: 1 }, page);
  }

  /** Applications a detention place or duty lawyer forwarded (Art. 39), newest first, with their forwarding times. */
  async forwardedApplications(caller: Caller, page: PageRequest): Promise<Page<LegalAidApplicationDocument>> {
    if (!hasRole(caller, 'police', 'prison', 'handler')) throw new Forbidden('ROLE_NOT_ALLOWED', 'forwarded applications are read by the detention places and duty lawyers that forwarded them');
    return paginate(await this.collection(), { $or: [{ 'source.forwarderOrgId': caller.orgId }, { 'source.forwardedByUserId': caller.userId }] }, { field: 'receivedAt', direction: -1 }, page);
  }

  /** 通知辩护 as the notifying organ reads it: its own notices, with the lawyer it was told of (Art. 36). */
  async notifiedDefences(caller: Caller, page: PageRequest): Promise<Page<NotifiedDefenceView>> {
    if (!hasRole(caller, 'court', 'procuratorate', 'police')) throw new Forbidden('ROLE_NOT_ALLOWED', 'notified defences are read by the notifying organs');
    const result = await paginate(await this.collection(), { 'source.notifyingOrgId': caller.orgId }, { field: 'receivedAt', direction: -1 }, page);
    const nodes = await Promise.all(result.nodes.map((application) => this.notifiedView(application)));
    return { ...result, nodes };
  }

  /** Legal aid indicators for a region subtree and a period [from, to) (DOMAIN.md §8). */
  async indicators(caller: Caller, regionCode: string, from: string, to: string): Promise<LegalAidIndicators> {
    this.assertStaff(caller);
    const region = padRegionCode(regionCode);
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${regionCode} lies outside your region scope`);
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || Date.parse(from) >= Date.parse(to)) throw new InvalidInput('PERIOD_INVALID', 'from and to must be ISO instants with from before to');
    const rows = await (await this.collection()).find({ regionCode: { $regex: `^${regionPrefix(region)}` }, receivedAt: { $gte: new Date(from).toISOString(), $lt: new Date(to).toISOString() } });
    const count = (predicate: (row: LegalAidApplicationDocument) => boolean): number => rows.filter(predicate).length;
    const notified = rows.filter((row) => row.source.kind === 'notified-defence');
    const notifiedOnTime = notified.filter((row) => row.lawyer?.onTime === true).length;
    const aided = count((row) => row.decision !== null && row.decision.outcome !== 'denied');
    const population = await this.directory.population(region, new Date(from).getUTCFullYear());
    const duty = await this.duty.counts(`^${regionPrefix(region)}`, shanghaiDate(from), shanghaiDate(new Date(Date.parse(to) - 1)));
    return {
      regionCode: region,
      from,
      to,
      received: rows.length,
      granted: count((row) => row.decision?.outcome === 'granted' || row.decision?.outcome === 'urgent'),
      denied: count((row) => row.decision?.outcome === 'denied'),
      decisionsOnTime: count((row) => row.decision !== null && row.decision.outcome !== 'notified' && row.decision.onTime === true),
      notifiedDefences: notified.length,
      notifiedAssigned: notified.filter((row) => row.lawyer !== null).length,
      notifiedAssignedOnTime: notifiedOnTime,
      notifiedOnTimeRate: notified.length === 0 ? null : Math.round((notifiedOnTime / notified.length) * 10_000) / 100,
      casesPer10kResidents: population ? Math.round((aided / population) * 10_000 * 100) / 100 : null,
      population,
      dutyConsultations: duty.consultations,
      dutyReferrals: duty.referrals,
      pleaAgreementsWitnessed: duty.witnessings,
    };
  }

  /** Lawyers of a region subtree with the aided matters they act in now, lightest load first. */
  async lawyerWorkload(caller: Caller, regionCode: string | null): Promise<LawyerWorkload[]> {
    this.assertStaff(caller);
    const region = regionCode ? padRegionCode(regionCode) : caller.regionCode;
    if (!isWithin(region, caller.regionCode)) throw new Forbidden('OUTSIDE_REGION_SCOPE', `region ${regionCode} lies outside your region scope`);
    const lawyers = await this.directory.lawyers({ regionCode: region, limit: 500 });
    const acting = await (await this.collection()).find({ stage: { $in: [...LAWYER_ACTING_STAGES] } });
    return lawyers
      .map((lawyer) => ({
        lawyerId: lawyer.userId,
        name: lawyer.name,
        firmOrgId: lawyer.orgId,
        criminalDefenceYears: lawyer.criminalDefenceYears,
        specialties: [...lawyer.specialties],
        openCases: acting.filter((row) => row.lawyer?.lawyerId === lawyer.userId).length,
        maxConcurrentCases: lawyer.maxConcurrentCases,
      }))
      .sort((a, b) => a.openCases / a.maxConcurrentCases - b.openCases / b.maxConcurrentCases || a.name.localeCompare(b.name));
  }

  deadlineStatus(application: LegalAidApplicationDocument): DeadlineStatus {
    return this.statusOfDue(application.nextDueAt);
  }

  /** Approaching / overdue on the kernel calendar, for any open deadline (cooperation answers too). */
  statusOfDue(dueAt: string | null): DeadlineStatus {
    if (!dueAt) return 'none';
    const status = this.calendar.statusOfDue(dueAt, this.clock.now());
    return status === 'paused' ? 'pending' : status;
  }

  private async notifiedView(application: LegalAidApplicationDocument): Promise<NotifiedDefenceView> {
    if (!application.lawyer) return { application, lawyerName: null, firmName: null, assignedOnTime: null };
    const [lawyer, firm] = await Promise.all([this.directory.staffMember(application.lawyer.lawyerId), this.directory.organisation(application.lawyer.firmOrgId)]);
    return { application, lawyerName: lawyer?.name ?? null, firmName: firm?.name ?? null, assignedOnTime: application.lawyer.onTime };
  }

  private assertStaff(caller: Caller): void {
    const legalAidHandler = hasRole(caller, 'handler') && caller.lines.includes('legal-aid');
    if (!legalAidHandler && !hasRole(caller, 'supervisor', 'admin')) throw new Forbidden('ROLE_NOT_ALLOWED', 'legal aid views are for legal aid handlers and supervisors');
  }
}
