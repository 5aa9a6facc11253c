import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApplicationQueries, Cooperation, RegionSettings, type CooperationDirection, type CooperationRequestDocument } from '@pls/legal-aid-application';
import type { CooperationKind, CooperationResult } from '@pls/legal-aid-domain';
import { Allow, commandIdFrom, CurrentCaller, toConnection, type Caller } from '@pls/shared-api';
import {
  AnswerCooperationInput,
  CooperationDirectionValue,
  CooperationRequest,
  CooperationRequestConnection,
  LegalAidRegionSettings,
  RequestCooperationInput,
  SetAcceptWithMaterialsOutstandingInput,
} from './legal-aid-cooperation.graphql';

/** 异地协作 between agencies, and the regional legal aid settings (容缺受理). */
@Resolver()
export class LegalAidCooperationResolver {
  constructor(
    private readonly cooperation: Cooperation,
    private readonly settings: RegionSettings,
    private readonly queries: ApplicationQueries,
  ) {}

  @Allow('handler')
  @Mutation(() => CooperationRequest, { description: '异地协作: ask another legal aid agency to verify means or collect materials for your application.' })
  async requestCooperation(@CurrentCaller() caller: Caller, @Args('input') input: RequestCooperationInput): Promise<CooperationRequest> {
    return this.toView(
      await this.cooperation.request(
        caller,
        { applicationId: input.applicationId, receivingAgencyOrgId: input.receivingAgencyOrgId, kind: input.kind as unknown as CooperationKind, details: input.details },
        commandIdFrom(input.commandId),
      ),
    );
  }

  @Allow('handler')
  @Mutation(() => CooperationRequest, { description: 'Answer a cooperation request addressed to your agency; the requester sees it on the application.' })
  async answerCooperation(@CurrentCaller() caller: Caller, @Args('input') input: AnswerCooperationInput): Promise<CooperationRequest> {
    return this.toView(await this.cooperation.answer(caller, { requestId: input.requestId, result: input.result as unknown as CooperationResult, notes: input.notes }, commandIdFrom(input.commandId)));
  }

  @Allow('handler', 'supervisor', 'admin')
  @Query(() => CooperationRequestConnection, { description: 'Cooperation requests to (INCOMING, default) or from your agency; open ones green channel and soonest due first.' })
  async cooperationRequests(
    @CurrentCaller() caller: Caller,
    @Args('direction', { type: () => CooperationDirectionValue, nullable: true }) direction: CooperationDirectionValue | null,
    @Args('openOnly', { type: () => Boolean, nullable: true }) openOnly: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.cooperation.queue(caller, { direction: (direction ?? CooperationDirectionValue.INCOMING) as unknown as CooperationDirection, openOnly: openOnly ?? true }, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toView(document));
  }

  @Allow('supervisor', 'admin')
  @Mutation(() => LegalAidRegionSettings, { description: '容缺受理 allowed or not for a region subtree in your scope.' })
  setAcceptWithMaterialsOutstanding(@CurrentCaller() caller: Caller, @Args('input') input: SetAcceptWithMaterialsOutstandingInput): Promise<LegalAidRegionSettings> {
    return this.settings.setAcceptWithMaterialsOutstanding(caller, { regionCode: input.regionCode, allowed: input.allowed }, commandIdFrom(input.commandId));
  }

  @Allow('handler', 'supervisor', 'admin')
  @Query(() => LegalAidRegionSettings, { description: 'The legal aid settings that apply in a region of your scope (default yours).' })
  legalAidRegionSettings(@CurrentCaller() caller: Caller, @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | null): Promise<LegalAidRegionSettings> {
    return this.settings.settings(caller, { regionCode });
  }

  private toView(document: CooperationRequestDocument): CooperationRequest {
    return {
      requestId: document._id,
      applicationId: document.applicationId,
      applicationNo: document.applicationNo,
      priority: document.priority,
      requestingOrgId: document.requestingOrgId,
      receivingOrgId: document.receivingOrgId,
      kind: document.kind,
      details: document.details,
      requestedAt: document.requestedAt,
      dueAt: document.dueAt,
      status: document.status,
      result: document.result,
      notes: document.notes,
      answeredAt: document.answeredAt,
      onTime: document.onTime,
      deadlineStatus: document.status === 'requested' ? this.queries.statusOfDue(document.dueAt) : 'none',
    };
  }
}
