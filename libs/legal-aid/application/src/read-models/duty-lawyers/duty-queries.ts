import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup, type OrganisationView } from '@pls/directory-contracts';
import { openProjectionCollection, READ_STORE, type ReadStore } from '@pls/event-sourcing';
import { Forbidden, hasRole, InvalidInput, isDay, isWithin, NotFound, type Caller } from '@pls/shared-kernel';
import { isLegalAidStaff } from '../../shared/application-access';
import { dutyLawyersProjection, type DutyConsultationView, type DutyLawyerDocument, type PleaWitnessingView } from './duty-lawyers.projection';

export interface DutyRosterEntry {
  readonly lawyerId: string;
  readonly lawyerName: string;
  readonly firmOrgId: string;
  readonly firmName: string | null;
  readonly dutyId: string;
}

export interface DutyRoster {
  readonly stationOrgId: string;
  readonly stationName: string;
  readonly stationKind: string;
  readonly day: string;
  readonly lawyers: readonly DutyRosterEntry[];
}

export interface DutyStationActivity {
  readonly stationOrgId: string;
  readonly stationName: string;
  readonly from: string;
  readonly to: string;
  readonly consultationCount: number;
  readonly referralCount: number;
  readonly witnessingCount: number;
  readonly consultations: readonly (DutyConsultationView & { readonly lawyerId: string })[];
  readonly witnessings: readonly (PleaWitnessingView & { readonly lawyerId: string })[];
}

export interface DutyCounts {
  readonly consultations: number;
  readonly referrals: number;
  readonly witnessings: number;
}

/** The duty lawyers' read side: a station's roster for a day, a lawyer's record, a station's activity. */
@Injectable()
export class DutyQueries {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  private collection() {
    return openProjectionCollection<DutyLawyerDocument>(this.readStore, dutyLawyersProjection);
  }

  async roster(caller: Caller, input: { stationOrgId: string; day: string }): Promise<DutyRoster> {
    const day = assertDay(input.day, 'day');
    const station = await this.visibleStation(caller, input.stationOrgId);
    const rows = await (await this.collection()).find({ dutyDays: `${station.orgId}|${day}` });
    const lawyers = await Promise.all(
      rows.map(async (row) => {
        const [member, firm] = await Promise.all([this.directory.staffMember(row.lawyerId), this.directory.organisation(row.firmOrgId)]);
        const shift = row.shifts.find((candidate) => candidate.stationOrgId === station.orgId && candidate.days.includes(day));
        return { lawyerId: row.lawyerId, lawyerName: member?.name ?? row.lawyerId, firmOrgId: row.firmOrgId, firmName: firm?.name ?? null, dutyId: shift?.dutyId ?? '' };
      }),
    );
    return { stationOrgId: station.orgId, stationName: station.name, stationKind: station.kind, day, lawyers: lawyers.sort((a, b) => a.lawyerName.localeCompare(b.lawyerName)) };
  }

  /** The lawyer's own record, or one a legal aid agency, supervisor or admin over its stations may read. */
  async lawyerRecord(caller: Caller, input: { lawyerUserId?: string | null }): Promise<DutyLawyerDocument> {
    const lawyerId = input.lawyerUserId ?? caller.userId;
    const found = await (await this.collection()).get(lawyerId);
    if (!found) throw new NotFound('DUTY_ROSTER_NOT_FOUND', `lawyer ${lawyerId} has no duty record`);
    if (lawyerId === caller.userId) return found;
    const agencyStaff = hasRole(caller, 'handler') && caller.lines.includes('legal-aid') && found.agencyOrgIds.includes(caller.orgId);
    const overseer = hasRole(caller, 'supervisor', 'admin') && found.stationRegionCodes.some((region) => isWithin(region, caller.regionCode));
    if (!agencyStaff && !overseer) throw new Forbidden('DUTY_RECORD_OUTSIDE_SCOPE', "this lawyer's duty record is outside your organisation or region");
    return found;
  }

  async stationActivity(caller: Caller, input: { stationOrgId: string; from: string; to: string }): Promise<DutyStationActivity> {
    const from = assertDay(input.from, 'from');
    const to = assertDay(input.to, 'to');
    if (from > to) throw new InvalidInput('PERIOD_INVALID', 'from must not be after to');
    const station = await this.visibleStation(caller, input.stationOrgId);
    const rows = await (await this.collection()).find({ $or: [{ 'consultations.stationOrgId': station.orgId }, { 'witnessings.stationOrgId': station.orgId }] });
    const consultations = rows
      .flatMap((row) => row.consultations.map((consultation) => ({ ...consultation, lawyerId: row.lawyerId })))
      .filter((c) => c.stationOrgId === station.orgId && c.day >= from && c.day <= to)
      .sort((a, b) => a.at.localeCompare(b.at));
    const witnessings = rows
      .flatMap((row) => row.witnessings.map((witnessing) => ({ ...witnessing, lawyerId: row.lawyerId })))
      .filter((w) => w.stationOrgId === station.orgId && w.witnessedOn >= from && w.witnessedOn <= to)
      .sort((a, b) => a.witnessedOn.localeCompare(b.witnessedOn) || a.recordedAt.localeCompare(b.recordedAt));
    return {
      stationOrgId: station.orgId,
      stationName: station.name,
      from,
      to,
      consultationCount: consultations.length,
      referralCount: consultations.filter((c) => c.referredApplicationId !== null).length,
      witnessingCount: witnessings.length,
      consultations,
      witnessings,
    };
  }

  /** Duty work at stations in a region subtree during [fromDay, toDay] (Shanghai days), for the indicators. */
  async counts(regionPrefixPattern: string, fromDay: string, toDay: string): Promise<DutyCounts> {
    const rows = await (await this.collection()).find({ stationRegionCodes: { $regex: regionPrefixPattern } });
    const pattern = new RegExp(regionPrefixPattern);
    const consultations = rows.flatMap((row) => row.consultations).filter((c) => pattern.test(c.stationRegionCode) && c.day >= fromDay && c.day <= toDay);
    const witnessings = rows.flatMap((row) => row.witnessings).filter((w) => pattern.test(w.stationRegionCode) && w.witnessedOn >= fromDay && w.witnessedOn <= toDay);
    return { consultations: consultations.length, referrals: consultations.filter((c) => c.referredApplicationId !== null).length, witnessings: witnessings.length };
  }

  /** Legal aid staff of the station's region subtree, or the station's own people (the court sees who sits in it). */
  private async visibleStation(caller: Caller, stationOrgId: string): Promise<OrganisationView> {
    const station = await this.directory.organisation(stationOrgId);
    if (!station) throw new NotFound('STATION_NOT_FOUND', `no organisation ${stationOrgId}`);
    if (caller.orgId === station.orgId) return station;
    if (isLegalAidStaff(caller) && isWithin(station.regionCode, caller.regionCode)) return station;
    throw new Forbidden('STATION_OUTSIDE_SCOPE', `${station.name} is outside your organisation or region`);
  }
}

function assertDay(value: string, field: string): string {
  if (!isDay(value)) throw new InvalidInput('DAY_INVALID', `${field} must be a real 'YYYY-MM-DD' date`, { field });
  return value;
}
