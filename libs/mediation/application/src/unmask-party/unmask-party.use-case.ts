import { Inject, Injectable } from '@nestjs/common';
import { appendPersonalDataRead, CLOCK, EVENT_STORE, parseAuditReason, parsePersonalDataField, type EventStore, type PersonalDataField } from '@pls/event-sourcing';
import { MEDIATION_CONTEXT, mediationStreamId, type Party } from '@pls/mediation-domain';
import { Forbidden, hasRole, InvalidInput, isWithin, NotFound, type Caller, type Clock } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';
import { MediationQueries } from '../read-models/mediation-queries';

export interface UnmaskPartyInput {
  /** The case's id or its 调解案号. */
  readonly mediationId?: string | null;
  readonly caseNo?: string | null;
  readonly partyId: string;
  readonly field: PersonalDataField;
  readonly reason: string;
}

export interface UnmaskedParty {
  readonly caseNo: string;
  readonly partyId: string;
  readonly field: PersonalDataField;
  readonly value: string;
}

// 人民调解法 Art. 15 and 个人信息保护法 Art. 6: the committee's own mediators and the supervisors over its region; never the referring organ or the court.
export function mayUnmaskMediationParty(caller: Caller, mediation: Pick<MediationCaseDocument, 'committeeOrgId' | 'regionCode'>): boolean {
  if (hasRole(caller, 'handler') && caller.lines.includes('mediation') && caller.orgId === mediation.committeeOrgId) return true;
  return hasRole(caller, 'supervisor') && isWithin(mediation.regionCode, caller.regionCode);
}

/**
 * A party's ID number (or USCC) or phone, unmasked. The case view holds masked values only: the raw
 * value comes from the case's own events, and the audit record is appended to mediation's store
 * BEFORE the value is returned.
 */
@Injectable()
export class UnmaskParty {
  constructor(
    private readonly queries: MediationQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: UnmaskPartyInput): Promise<UnmaskedParty> {
    const field = parsePersonalDataField(input?.field);
    const reason = parseAuditReason(input?.reason);
    if (!hasRole(caller, 'handler', 'supervisor')) throw new Forbidden('ROLE_NOT_ALLOWED', 'unmasking a party is for the committee\'s mediators and supervisors');
    if (typeof input.partyId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(input.partyId)) throw new InvalidInput('PARTY_ID_INVALID', 'partyId is not a party id');
    const mediation = await this.queries.mediation(caller, { id: input.mediationId ?? null, caseNo: input.caseNo ?? null });
    if (!mayUnmaskMediationParty(caller, mediation)) {
      throw new Forbidden('MEDIATION_OUTSIDE_SCOPE', 'only the committee\'s mediators or a supervisor over its region may read the parties\' personal data');
    }
    const party = (await this.parties(mediation._id)).find((candidate) => candidate.partyId === input.partyId);
    if (!party) throw new NotFound('PARTY_NOT_FOUND', `mediation ${mediation.caseNo} has no party ${input.partyId}`);
    const value = field === 'ID_NUMBER' ? (party.kind === 'person' ? party.idNumber : party.uscc) : party.kind === 'person' ? party.phone : null;
    if (!value) throw new InvalidInput('FIELD_NOT_RECORDED', 'the party has no such value recorded');
    await appendPersonalDataRead(this.store, this.clock, MEDIATION_CONTEXT, caller, {
      subjectKind: 'mediation-party',
      subjectRef: `${mediation.caseNo}/${party.partyId}`,
      subjectRegionCode: mediation.regionCode,
      field,
      reason,
    });
    return { caseNo: mediation.caseNo, partyId: party.partyId, field, value };
  }

  private async parties(caseId: string): Promise<Party[]> {
    const parties: Party[] = [];
    for (const event of await this.store.readStream(mediationStreamId(caseId))) {
      if (event.type === `${MEDIATION_CONTEXT}.MediationOpened`) parties.push(...(event.data as { parties: readonly Party[] }).parties);
      if (event.type === `${MEDIATION_CONTEXT}.PartyAdded`) parties.push((event.data as { party: Party }).party);
    }
    return parties;
  }
}
