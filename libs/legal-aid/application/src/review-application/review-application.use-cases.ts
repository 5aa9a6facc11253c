import { Injectable } from '@nestjs/common';
import type { MaterialItem, MeansCheckMethod, MeansCheckResult, UrgentAidGround } from '@pls/legal-aid-domain';
import type { Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { actOnApplication } from '../shared/act-on-application';
import { assertActsForAgency } from '../shared/application-access';
import { ApplicationCommands } from '../shared/application-commands';
import { RegionSettings } from '../region-settings/region-settings.use-cases';

/** 审查: the means check, materials, and the decision to grant or deny (Art. 43). */
@Injectable()
export class ReviewApplication {
  constructor(
    private readonly applications: ApplicationCommands,
    private readonly regionSettings: RegionSettings,
  ) {}

  /** 容缺受理: accept with non-essential materials outstanding, where the agency's region allows it. */
  acceptWithMaterialsOutstanding(caller: Caller, input: { applicationId: string; items: readonly MaterialItem[]; dueAt: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, async (application, metadata) => ({
      type: 'AcceptWithMaterialsOutstanding',
      data: { items: input.items, dueAt: input.dueAt, regionAllows: (await this.regionSettings.effective(application.regionCode)).acceptWithMaterialsOutstanding },
      metadata,
    }));
  }

  supplyOutstandingMaterials(caller: Caller, input: { applicationId: string; note?: string | null }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'SupplyOutstandingMaterials', data: { note: input.note ?? null }, metadata }));
  }

  recordMeansCheck(caller: Caller, input: { applicationId: string; method: MeansCheckMethod; result: MeansCheckResult }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'RecordMeansCheck', data: { method: input.method, result: input.result }, metadata }));
  }

  grant(caller: Caller, input: { applicationId: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'GrantAid', data: {}, metadata }));
  }

  deny(caller: Caller, input: { applicationId: string; reasons: readonly string[] }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'DenyAid', data: { reasons: input.reasons }, metadata }));
  }

  /** 一次性告知: every missing item in one notice; the decision clock pauses until they arrive. */
  requestMaterials(caller: Caller, input: { applicationId: string; items: readonly string[]; dueAt: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'RequestMaterials', data: { items: input.items, dueAt: input.dueAt }, metadata }));
  }

  supplyMaterials(caller: Caller, input: { applicationId: string; note?: string | null }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'SupplyMaterials', data: { note: input.note ?? null }, metadata }));
  }

  /** 视为撤回 once the materials deadline passed unanswered. */
  treatAsWithdrawn(caller: Caller, input: { applicationId: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'TreatAsWithdrawn', data: {}, metadata }));
  }

  /** Art. 44 (verify): aid first, paperwork after. */
  grantUrgent(caller: Caller, input: { applicationId: string; ground: UrgentAidGround; limitationExpiresAt?: string | null; note: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({
      type: 'GrantUrgentAid',
      data: { ground: input.ground, limitationExpiresAt: input.limitationExpiresAt ?? null, note: input.note },
      metadata,
    }));
  }
}
