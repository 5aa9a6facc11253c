import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  ApplicationQueries,
  AssignLawyer,
  Closure,
  ForwardApplication,
  HandleMatter,
  NotifyDefence,
  Objection,
  ReceiveApplication,
  ReviewApplication,
  type LegalAidApplicationDocument,
  type NotifiedDefenceView,
  type WorkQueueKind,
} from '@pls/legal-aid-application';
import type { Art32Ground, Art42Ground, CaseCategory, CivilSubCategory, ClosureQuality, GreenChannelGround, HardshipExemptionInput, MeansCheckMethod, MeansCheckResult, NotificationReason, TerminationGround, UrgentAidGround } from '@pls/legal-aid-domain';
import { AcceptWithMaterialsOutstandingInput } from './legal-aid-cooperation.graphql';
import { ForwardLegalAidApplicationInput } from './legal-aid-duty.graphql';
import { Allow, commandIdFrom, CurrentCaller, toConnection, type Caller } from '@pls/shared-api';
import { InvalidInput } from '@pls/shared-kernel';
import { LegalAidQueueValue } from './legal-aid.enums';
import {
  ApplicationRefInput,
  AssignLawyerInput,
  DecideObjectionInput,
  DeclineAssignmentInput,
  DenyAidInput,
  EndLegalAidMatterInput,
  FileObjectionInput,
  LegalAidApplicationFilterInput,
  LegalAidCategoryInput,
  MeansInput,
  NotifyDefenceInput,
  ReceiveLegalAidApplicationInput,
  RecordLegalAidProgressInput,
  RecordMeansCheckInput,
  GrantUrgentAidInput,
  RecordRevisitInput,
  RequestMaterialsInput,
  ReviewClosureInput,
  SupplyMaterialsInput,
  TerminateAidInput,
} from './legal-aid.inputs';
import { LawyerWorkload, LegalAidApplication, LegalAidApplicationConnection, LegalAidIndicators, NotifiedDefence, NotifiedDefenceConnection } from './legal-aid.types';

const STAFF = ['handler', 'supervisor', 'admin'] as const;
const ORGANS = ['court', 'procuratorate', 'police'] as const;

/** Legal aid over GraphQL. Thin: access in the use cases, rules in the domain. */
@Resolver(() => LegalAidApplication)
export class LegalAidResolver {
  constructor(
    private readonly queries: ApplicationQueries,
    private readonly receiveUseCase: ReceiveApplication,
    private readonly review: ReviewApplication,
    private readonly assignment: AssignLawyer,
    private readonly handling: HandleMatter,
    private readonly closure: Closure,
    private readonly objection: Objection,
    private readonly notifyDefenceUseCase: NotifyDefence,
    private readonly forwarding: ForwardApplication,
  ) {}

  @Allow('police', 'prison', 'handler')
  @Mutation(() => LegalAidApplication, { description: '转交申请 (Art. 39): a detention place (police or prison staff of a 看守所) or a duty lawyer on duty forwards a detained person\'s application to the agency.' })
  async forwardLegalAidApplication(@CurrentCaller() caller: Caller, @Args('input') input: ForwardLegalAidApplicationInput): Promise<LegalAidApplication> {
    const document = await this.forwarding.execute(
      caller,
      {
        stationOrgId: input.stationOrgId ?? null,
        applicant: { name: input.applicant.name, idNumber: input.applicant.idNumber, phone: input.applicant.phone ?? null },
        category: toCategory(input.category),
        means: { declaredHardship: input.means.declaredHardship, exemption: toExemption(input.means) },
        greenChannel: (input.greenChannel ?? []) as unknown as GreenChannelGround[],
        charge: input.charge ?? null,
        requestedAt: input.requestedAt,
      },
      commandIdFrom(input.commandId),
    );
    return this.toView(document);
  }

  @Allow('police', 'prison', 'handler')
  @Query(() => LegalAidApplicationConnection, { description: 'Applications you (your detention place, or you as duty lawyer) forwarded, newest first, with the 24-hour forwarding status.' })
  async forwardedLegalAidApplications(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.forwardedApplications(caller, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toView(document));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '容缺受理: accept with non-essential materials outstanding, where your region allows it (legalAidRegionSettings).' })
  async acceptWithMaterialsOutstanding(@CurrentCaller() caller: Caller, @Args('input') input: AcceptWithMaterialsOutstandingInput): Promise<LegalAidApplication> {
    return this.toView(
      await this.review.acceptWithMaterialsOutstanding(caller, { applicationId: input.applicationId, items: input.items.map((item) => ({ name: item.name, essential: item.essential })), dueAt: input.dueAt }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: 'The materials left outstanding under 容缺受理 arrived.' })
  async supplyOutstandingMaterials(@CurrentCaller() caller: Caller, @Args('input') input: SupplyMaterialsInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.supplyOutstandingMaterials(caller, { applicationId: input.applicationId, note: input.note ?? null }, commandIdFrom(input.commandId)));
  }

  @Allow(...STAFF, ...ORGANS)
  @Query(() => LegalAidApplication, { description: 'One application by id or 申请编号.' })
  async legalAidApplication(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, nullable: true }) id: string | null,
    @Args('applicationNo', { type: () => String, nullable: true }) applicationNo: string | null,
  ): Promise<LegalAidApplication> {
    return this.toView(await this.queries.application(caller, { id, applicationNo }));
  }

  @Allow(...STAFF)
  @Query(() => LegalAidApplicationConnection, { description: 'Applications in your region subtree, newest first.' })
  async legalAidApplications(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => LegalAidApplicationFilterInput, nullable: true }) filter: LegalAidApplicationFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.applications(caller, filter ?? {}, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toView(document));
  }

  @Allow(...STAFF)
  @Query(() => LegalAidApplicationConnection, { description: 'What awaits your agency, soonest deadline first; supervisors: their subtree.' })
  async legalAidWorkQueue(
    @CurrentCaller() caller: Caller,
    @Args('queue', { type: () => LegalAidQueueValue, nullable: true }) queue: LegalAidQueueValue | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.workQueue(caller, (queue ?? LegalAidQueueValue.ALL) as unknown as WorkQueueKind, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toView(document));
  }

  @Allow(...ORGANS)
  @Query(() => NotifiedDefenceConnection, { description: '通知辩护 you sent, with the assigned lawyer (Art. 36).' })
  async notifiedDefences(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.notifiedDefences(caller, { first: first ?? undefined, after });
    return toConnection(page, toNotifiedDefence);
  }

  @Allow('supervisor', 'admin', 'handler')
  @Query(() => LegalAidIndicators, { description: 'Legal aid indicators for a region subtree and a period [from, to).' })
  legalAidIndicators(@CurrentCaller() caller: Caller, @Args('regionCode') regionCode: string, @Args('from') from: string, @Args('to') to: string): Promise<LegalAidIndicators> {
    return this.queries.indicators(caller, regionCode, from, to) as Promise<LegalAidIndicators>;
  }

  @Allow(...STAFF)
  @Query(() => [LawyerWorkload], { description: 'Lawyers of a region subtree (default yours) with their open aided matters, lightest load first.' })
  lawyerWorkload(@CurrentCaller() caller: Caller, @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null): Promise<LawyerWorkload[]> {
    return this.queries.lawyerWorkload(caller, regionCode) as Promise<LawyerWorkload[]>;
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '一次性告知: request every missing item at once; the decision clock pauses.' })
  async requestMaterials(@CurrentCaller() caller: Caller, @Args('input') input: RequestMaterialsInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.requestMaterials(caller, { applicationId: input.applicationId, items: input.items, dueAt: input.dueAt }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: 'The materials arrived; the decision clock resumes.' })
  async supplyMaterials(@CurrentCaller() caller: Caller, @Args('input') input: SupplyMaterialsInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.supplyMaterials(caller, { applicationId: input.applicationId, note: input.note ?? null }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '视为撤回: the materials deadline passed unanswered.' })
  async treatAsWithdrawn(@CurrentCaller() caller: Caller, @Args('input') input: ApplicationRefInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.treatAsWithdrawn(caller, { applicationId: input.applicationId }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '先行提供法律援助 (Art. 44): aid first, paperwork after.' })
  async grantUrgentAid(@CurrentCaller() caller: Caller, @Args('input') input: GrantUrgentAidInput): Promise<LegalAidApplication> {
    return this.toView(
      await this.review.grantUrgent(caller, { applicationId: input.applicationId, ground: input.ground as unknown as UrgentAidGround, limitationExpiresAt: input.limitationExpiresAt ?? null, note: input.note }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '终止法律援助 (Art. 48); the applicant may object.' })
  async terminateAid(@CurrentCaller() caller: Caller, @Args('input') input: TerminateAidInput): Promise<LegalAidApplication> {
    return this.toView(await this.handling.terminate(caller, { applicationId: input.applicationId, ground: input.ground as unknown as TerminationGround, explanation: input.explanation }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '回访 the recipient after the closure review.' })
  async recordRevisit(@CurrentCaller() caller: Caller, @Args('input') input: RecordRevisitInput): Promise<LegalAidApplication> {
    return this.toView(await this.closure.revisit(caller, { applicationId: input.applicationId, note: input.note, satisfied: input.satisfied }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '受理 at your agency\'s window.' })
  async receiveLegalAidApplication(@CurrentCaller() caller: Caller, @Args('input') input: ReceiveLegalAidApplicationInput): Promise<LegalAidApplication> {
    const document = await this.receiveUseCase.execute(
      caller,
      {
        applicationNo: input.applicationNo ?? null,
        applicant: { name: input.applicant.name, idNumber: input.applicant.idNumber, phone: input.applicant.phone ?? null },
        category: toCategory(input.category),
        adverseParty: input.adverseParty
          ? { name: input.adverseParty.name, representedBy: input.adverseParty.representedByLawyerId || input.adverseParty.representedByFirmId ? { lawyerId: input.adverseParty.representedByLawyerId ?? null, firmId: input.adverseParty.representedByFirmId ?? null } : null }
          : null,
        means: { declaredHardship: input.means.declaredHardship, exemption: toExemption(input.means) },
        greenChannel: (input.greenChannel ?? []) as unknown as GreenChannelGround[],
        charge: input.charge ?? null,
      },
      commandIdFrom(input.commandId),
    );
    return this.toView(document);
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '经济困难状况核查 (not for Art. 42/32 exemptions or notified defence).' })
  async recordMeansCheck(@CurrentCaller() caller: Caller, @Args('input') input: RecordMeansCheckInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.recordMeansCheck(caller, { applicationId: input.applicationId, method: input.method as unknown as MeansCheckMethod, result: input.result as unknown as MeansCheckResult }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '决定给予法律援助 (within 7 days of receipt).' })
  async grantAid(@CurrentCaller() caller: Caller, @Args('input') input: ApplicationRefInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.grant(caller, { applicationId: input.applicationId }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '决定不予法律援助, with reasons.' })
  async denyAid(@CurrentCaller() caller: Caller, @Args('input') input: DenyAidInput): Promise<LegalAidApplication> {
    return this.toView(await this.review.deny(caller, { applicationId: input.applicationId, reasons: input.reasons }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '指派律师 (within 3 days): experience, minors, conflict of interest and load are checked.' })
  async assignLawyer(@CurrentCaller() caller: Caller, @Args('input') input: AssignLawyerInput): Promise<LegalAidApplication> {
    return this.toView(await this.assignment.assign(caller, { applicationId: input.applicationId, lawyerUserId: input.lawyerUserId }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: 'The assigned lawyer cannot take the case; assign another within 3 days.' })
  async declineAssignment(@CurrentCaller() caller: Caller, @Args('input') input: DeclineAssignmentInput): Promise<LegalAidApplication> {
    return this.toView(await this.assignment.decline(caller, { applicationId: input.applicationId, lawyerUserId: input.lawyerUserId, reason: input.reason }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '委托协议和授权委托书 signed (within 5 days of assignment).' })
  async signEntrustment(@CurrentCaller() caller: Caller, @Args('input') input: ApplicationRefInput): Promise<LegalAidApplication> {
    return this.toView(await this.handling.signEntrustment(caller, { applicationId: input.applicationId }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: 'A step the applicant sees on the front desk\'s timeline.' })
  async recordLegalAidProgress(@CurrentCaller() caller: Caller, @Args('input') input: RecordLegalAidProgressInput): Promise<LegalAidApplication> {
    return this.toView(await this.handling.recordProgress(caller, { applicationId: input.applicationId, note: input.note }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '案件办结: closure materials become due within 30 days.' })
  async endLegalAidMatter(@CurrentCaller() caller: Caller, @Args('input') input: EndLegalAidMatterInput): Promise<LegalAidApplication> {
    return this.toView(await this.handling.endMatter(caller, { applicationId: input.applicationId, endedAt: input.endedAt ?? null, resultSummary: input.resultSummary }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '提交结案材料.' })
  async submitClosureMaterials(@CurrentCaller() caller: Caller, @Args('input') input: ApplicationRefInput): Promise<LegalAidApplication> {
    return this.toView(await this.closure.submitMaterials(caller, { applicationId: input.applicationId }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '结案审查: quality and 办案补贴; the result goes back to the front desk.' })
  async reviewClosure(@CurrentCaller() caller: Caller, @Args('input') input: ReviewClosureInput): Promise<LegalAidApplication> {
    return this.toView(await this.closure.review(caller, { applicationId: input.applicationId, quality: input.quality as unknown as ClosureQuality, subsidyYuan: input.subsidyYuan }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => LegalAidApplication, { description: '异议: the agency records the applicant\'s objection to a denial or termination.' })
  async fileObjection(@CurrentCaller() caller: Caller, @Args('input') input: FileObjectionInput): Promise<LegalAidApplication> {
    return this.toView(await this.objection.file(caller, { applicationId: input.applicationId, grounds: input.grounds }, commandIdFrom(input.commandId)));
  }

  @Allow('supervisor')
  @Mutation(() => LegalAidApplication, { description: 'The justice bureau decides the objection (within 5 days).' })
  async decideObjection(@CurrentCaller() caller: Caller, @Args('input') input: DecideObjectionInput): Promise<LegalAidApplication> {
    return this.toView(await this.objection.decide(caller, { applicationId: input.applicationId, upheld: input.upheld, note: input.note }, commandIdFrom(input.commandId)));
  }

  @Allow(...ORGANS)
  @Mutation(() => NotifiedDefence, { description: '通知辩护: your organ notifies the legal aid agency of its region, which assigns within 3 days.' })
  async notifyDefence(@CurrentCaller() caller: Caller, @Args('input') input: NotifyDefenceInput): Promise<NotifiedDefence> {
    const document = await this.notifyDefenceUseCase.execute(
      caller,
      { defendant: input.defendant, charge: input.charge, lifeOrDeathPossible: input.lifeOrDeathPossible, reason: input.reason as unknown as NotificationReason },
      commandIdFrom(input.commandId),
    );
    return toNotifiedDefence({ application: document, lawyerName: null, firmName: null, assignedOnTime: null });
  }

  private toView(document: LegalAidApplicationDocument): LegalAidApplication {
    const { _id, _revisions, adverseParty, declinedLawyerIds, stageBeforeTermination, endedAt, updatedAt, queueKey, ...rest } = document;
    void queueKey;
    void _revisions;
    void declinedLawyerIds;
    void stageBeforeTermination;
    void endedAt;
    void updatedAt;
    return { ...(rest as unknown as LegalAidApplication), id: _id, adversePartyName: adverseParty?.name ?? null, deadlineStatus: this.queries.deadlineStatus(document) };
  }
}

function toNotifiedDefence(view: NotifiedDefenceView): NotifiedDefence {
  const application = view.application;
  return {
    applicationId: application._id,
    applicationNo: application.applicationNo,
    stage: application.stage,
    defendantName: application.applicant.name,
    charge: application.charge,
    notifiedAt: application.receivedAt,
    assignmentDueAt: application.deadlines.filter((deadline) => deadline.kind === 'assignment').at(-1)?.dueAt ?? null,
    lawyerName: view.lawyerName,
    firmName: view.firmName,
    assignedAt: application.lawyer?.assignedAt ?? null,
    assignedOnTime: view.assignedOnTime,
  };
}

export function toCategory(input: LegalAidCategoryInput): CaseCategory {
  // Incomplete categories are passed on as given: the domain refuses them with CATEGORY_INVALID.
  switch (input.kind as string) {
    case 'civil':
      return { kind: 'civil', subCategory: input.subCategory as unknown as CivilSubCategory };
    case 'criminal':
      return { kind: 'criminal', lifeOrDeathPossible: input.lifeOrDeathPossible as boolean };
    default:
      return { kind: input.kind as unknown as Exclude<CaseCategory['kind'], 'civil' | 'criminal'> } as CaseCategory;
  }
}

export function toExemption(means: MeansInput): HardshipExemptionInput | null {
  const art42 = means.art42Grounds ?? [];
  const art32 = means.art32Grounds ?? [];
  if (art42.length > 0 && art32.length > 0) throw new InvalidInput('EXEMPTION_INVALID', 'give Art. 42 or Art. 32 grounds, not both');
  if (art42.length > 0) return { article: 42, grounds: art42 as unknown as Art42Ground[] };
  if (art32.length > 0) return { article: 32, grounds: art32 as unknown as Art32Ground[] };
  return null;
}
