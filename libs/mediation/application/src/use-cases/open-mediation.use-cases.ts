import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup, type OrganisationView } from '@pls/directory-contracts';
import type { DisputeCategory, PartyInput, ReferringOrgan, SourceInput } from '@pls/mediation-domain';
import { deterministicId, Forbidden, hasRole, NotFound, type Caller } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';
import { mediationCaseNumber, shanghaiYear } from '../shared/case-number';
import { MediationCommands } from '../shared/mediation-commands';

export interface DisputeInput {
  readonly category: DisputeCategory;
  readonly parties: readonly PartyInput[];
  readonly claim: string;
  readonly amountYuan?: number | null;
}

/**
 * Opening a case other than from the desk: the committee on its own initiative (排查, Art. 18), or an
 * organ's referral — a court before filing (诉前委派), the police (警调), the petitions office (访调).
 */
@Injectable()
export class OpenMediation {
  constructor(
    private readonly mediations: MediationCommands,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  /** 矛盾纠纷排查: the committee's mediator opens the case with the screening record. */
  async fromScreening(caller: Caller, input: DisputeInput & { screening: { recordNo: string; screenedAt: string; note: string } }, commandId: string): Promise<MediationCaseDocument> {
    if (!hasRole(caller, 'handler') || !caller.lines.includes('mediation')) throw new Forbidden('ROLE_NOT_ALLOWED', 'cases are opened by people\'s mediators');
    const committee = await this.committee(caller.orgId);
    const { screening, ...dispute } = input;
    return this.open(caller, committee, { kind: 'screening', screening }, dispute, commandId);
  }

  /** 诉调/警调/访调对接: the organ's integrator refers a dispute to a committee (default: the region's). */
  async referral(
    caller: Caller,
    input: DisputeInput & { committeeOrgId?: string | null; regionCode?: string | null; referenceNo: string; dueAt?: string | null },
    commandId: string,
  ): Promise<MediationCaseDocument> {
    if (!hasRole(caller, 'court', 'police', 'petitions')) throw new Forbidden('ROLE_NOT_ALLOWED', 'referrals come from a court, the police or the petitions office');
    const organ = await this.directory.organisation(caller.orgId);
    if (!organ) throw new NotFound('ORGANISATION_NOT_FOUND', `your organisation ${caller.orgId} is unknown`);
    // 诉调 (court), 访调 (信访局/信访办); police and the detention centres it runs refer as 警调.
    const kind: ReferringOrgan = organ.kind === 'court' ? 'court' : organ.kind === 'petitions-office' ? 'petitions-office' : 'police';
    const committee = input.committeeOrgId ? await this.committee(input.committeeOrgId) : await this.defaultCommittee(input.regionCode ?? organ.regionCode);
    const { committeeOrgId: _committee, regionCode: _region, referenceNo, dueAt, ...dispute } = input;
    return this.open(caller, committee, { kind: 'referral', referral: { organ: kind, orgId: organ.orgId, referenceNo, dueAt: dueAt ?? null } }, dispute, commandId);
  }

  private async open(caller: Caller, committee: OrganisationView, source: SourceInput, dispute: DisputeInput, commandId: string): Promise<MediationCaseDocument> {
    // The case id follows from the command id: a retried opening lands on the same stream.
    const caseId = deterministicId('mediation.case', commandId);
    if (await this.mediations.streamHasEvents(caseId)) return this.mediations.readAfterCatchUp(caseId);
    const now = this.mediations.clock.now().toISOString();
    const caseNo = mediationCaseNumber({ year: shanghaiYear(now), regionCode: committee.regionCode, committeeName: committee.name, serial: await this.mediations.nextSerial() });
    return this.mediations.sendAndRead(caseId, {
      type: 'OpenMediation',
      data: { ...dispute, caseId, caseNo, committeeOrgId: committee.orgId, committeeRegionCode: committee.regionCode, source },
      metadata: this.mediations.metadata(caller, commandId, { regionCode: committee.regionCode }),
    });
  }

  private async committee(orgId: string): Promise<OrganisationView> {
    const committee = await this.directory.organisation(orgId);
    if (!committee || committee.closed || committee.kind !== 'mediation-committee') throw new NotFound('COMMITTEE_NOT_FOUND', `${orgId} is not an open people's mediation committee`);
    return committee;
  }

  private async defaultCommittee(regionCode: string): Promise<OrganisationView> {
    const committee = await this.directory.defaultAgencyFor(regionCode, 'mediation');
    if (!committee) throw new NotFound('COMMITTEE_NOT_FOUND', `no people's mediation committee serves ${regionCode}`);
    return committee;
  }
}
