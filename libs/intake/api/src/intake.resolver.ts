import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import {
  AnswerConsultation,
  DeliverFeedback,
  INTAKE_OPTIONS,
  MatterQueries,
  RateService,
  RatingAppeal,
  Rectification,
  RegisterMatter,
  RouteMatter,
  SERVICE_CATALOGUE,
  Supervision,
  type IntakeOptions,
  type MatterDocument,
} from '@pls/intake-application';
import type { ApplicantInput as DomainApplicantInput, BusinessLine, FeedbackChannel, IdType, IntakeChannel, RatingLevel } from '@pls/intake-domain';
import { Allow, commandIdFrom, CurrentCaller, Public, toConnection, type Caller } from '@pls/shared-api';
import { InvalidInput, newId } from '@pls/shared-kernel';
import {
  AnswerConsultationInput,
  AnswerSupervisionInput,
  AppealRatingInput,
  ApplicantInput,
  CloseRectificationInput,
  DeliverFeedbackInput,
  MatterFilterInput,
  OrderSupervisionInput,
  RateMyMatterInput,
  RateServiceInput,
  RectificationCallBackInput,
  RegisterMatterInput,
  ReviewRatingAppealInput,
  RouteMatterInput,
} from './intake.inputs';
import { CatalogueEntry, FrontDeskStats, Matter, MatterConnection, PublicProgress } from './intake.types';

const STAFF = ['clerk', 'handler', 'supervisor', 'admin'] as const;

/** The front desk over GraphQL. Thin: every rule lives in the domain or the use case it calls. */
@Resolver(() => Matter)
export class IntakeResolver {
  constructor(
    private readonly queries: MatterQueries,
    private readonly registerMatterUseCase: RegisterMatter,
    private readonly answerConsultationUseCase: AnswerConsultation,
    private readonly routeMatterUseCase: RouteMatter,
    private readonly deliverFeedbackUseCase: DeliverFeedback,
    private readonly rateServiceUseCase: RateService,
    private readonly rectificationUseCases: Rectification,
    private readonly ratingAppealUseCases: RatingAppeal,
    private readonly supervisionUseCases: Supervision,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  @Allow(...STAFF)
  @Query(() => [CatalogueEntry], { description: '公共法律服务事项清单: the matter types a desk can register.' })
  serviceCatalogue(): CatalogueEntry[] {
    return SERVICE_CATALOGUE.map((entry) => ({ ...entry }));
  }

  @Allow(...STAFF)
  @Query(() => Matter, { description: 'The whole cross-line timeline of one matter, by its case code.' })
  async caseFile(@CurrentCaller() caller: Caller, @Args('code') code: string): Promise<Matter> {
    return this.toMatter(await this.queries.caseFile(caller, code));
  }

  @Allow(...STAFF)
  @Query(() => MatterConnection, { description: 'Matters in your region subtree (and lines), newest first.' })
  async matters(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => MatterFilterInput, nullable: true }) filter: MatterFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.matters(caller, filter ?? {}, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toMatter(document));
  }

  @Allow(...STAFF)
  @Query(() => MatterConnection, { description: 'What awaits you, soonest deadline first. Supervisors: every open deadline in their subtree.' })
  async workQueue(
    @CurrentCaller() caller: Caller,
    @Args('overdueOnly', { type: () => Boolean, nullable: true }) overdueOnly: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.workQueue(caller, { overdueOnly }, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toMatter(document));
  }

  @Public()
  @Query(() => PublicProgress, { description: 'No sign-in: the applicant checks progress with the case code and the last four digits of their phone.' })
  publicProgress(@Args('code') code: string, @Args('phoneLast4') phoneLast4: string): Promise<PublicProgress> {
    return this.queries.publicProgress(code, phoneLast4) as Promise<PublicProgress>;
  }

  @Allow('clerk', 'supervisor', 'admin')
  @Query(() => FrontDeskStats, { description: 'Front-desk indicators for a region subtree and a period [from, to).' })
  regionStats(@CurrentCaller() caller: Caller, @Args('regionCode') regionCode: string, @Args('from') from: string, @Args('to') to: string): Promise<FrontDeskStats> {
    return this.queries.regionStats(caller, regionCode, from, to) as Promise<FrontDeskStats>;
  }

  @Allow('clerk')
  @Mutation(() => Matter, { description: '登记: register a matter at your site; you become its first-responsible person (首问负责制).' })
  async registerMatter(@CurrentCaller() caller: Caller, @Args('input') input: RegisterMatterInput): Promise<Matter> {
    const document = await this.registerMatterUseCase.execute(
      caller,
      {
        channel: input.channel as unknown as IntakeChannel,
        matterTypeCode: input.matterTypeCode,
        applicant: toApplicant(input.applicant),
        agent: input.agent ? { name: input.agent.name, idType: input.agent.idType as unknown as IdType, idNumber: input.agent.idNumber, phone: input.agent.phone } : null,
        description: input.description,
        attachments: input.attachments ?? [],
        consentToDataUse: input.consentToDataUse,
        referralSourceOrgId: input.referralSourceOrgId ?? null,
      },
      commandIdFrom(input.commandId),
    );
    return this.toMatter(document);
  }

  @Allow('clerk')
  @Mutation(() => Matter, { description: '当场答复: answer a consultation at the desk, which closes it.' })
  async answerConsultation(@CurrentCaller() caller: Caller, @Args('input') input: AnswerConsultationInput): Promise<Matter> {
    return this.toMatter(await this.answerConsultationUseCase.execute(caller, input, commandIdFrom(input.commandId)));
  }

  @Allow('clerk')
  @Mutation(() => Matter, { description: '分流: route to a business line and its handling agency (default: the region\'s agency).' })
  async routeMatter(@CurrentCaller() caller: Caller, @Args('input') input: RouteMatterInput): Promise<Matter> {
    return this.toMatter(
      await this.routeMatterUseCase.execute(caller, { caseCode: input.caseCode, line: input.line as unknown as BusinessLine, handlingOrgId: input.handlingOrgId ?? null, reason: input.reason ?? null }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('clerk')
  @Mutation(() => Matter, { description: '结果反馈: tell the applicant the result.' })
  async deliverFeedback(@CurrentCaller() caller: Caller, @Args('input') input: DeliverFeedbackInput): Promise<Matter> {
    return this.toMatter(
      await this.deliverFeedbackUseCase.execute(caller, { caseCode: input.caseCode, channel: input.channel as unknown as FeedbackChannel, content: input.content, deliveredAt: input.deliveredAt ?? null }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('clerk')
  @Mutation(() => Matter, { description: '好差评 recorded by the desk for the applicant (one rating per matter). A bad rating opens a rectification.' })
  async rateService(@CurrentCaller() caller: Caller, @Args('input') input: RateServiceInput): Promise<Matter> {
    return this.toMatter(await this.rateServiceUseCase.execute(caller, { caseCode: input.caseCode, level: input.level as unknown as RatingLevel, comment: input.comment ?? null }, commandIdFrom(input.commandId)));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'No sign-in: the applicant rates the service with the case code and the last four digits of their phone.' })
  async rateMyMatter(@Args('input') input: RateMyMatterInput): Promise<boolean> {
    await this.rateServiceUseCase.byApplicant({ caseCode: input.caseCode, phoneLast4: input.phoneLast4, level: input.level as unknown as RatingLevel, comment: input.comment ?? null }, commandIdFrom(input.commandId));
    return true;
  }

  @Allow('clerk', 'handler', 'supervisor')
  @Mutation(() => Matter, { description: '整改回访: record the call-back to the rater.' })
  async recordRectificationCallBack(@CurrentCaller() caller: Caller, @Args('input') input: RectificationCallBackInput): Promise<Matter> {
    return this.toMatter(await this.rectificationUseCases.recordCallBack(caller, input, commandIdFrom(input.commandId)));
  }

  @Allow('clerk', 'handler', 'supervisor')
  @Mutation(() => Matter, { description: '整改完成: close the rectification, having told the rater the outcome.' })
  async closeRectification(@CurrentCaller() caller: Caller, @Args('input') input: CloseRectificationInput): Promise<Matter> {
    return this.toMatter(await this.rectificationUseCases.close(caller, input, commandIdFrom(input.commandId)));
  }

  @Allow('clerk', 'handler', 'supervisor')
  @Mutation(() => Matter, { description: '申诉: the rated office appeals a malicious rating.' })
  async appealRating(@CurrentCaller() caller: Caller, @Args('input') input: AppealRatingInput): Promise<Matter> {
    return this.toMatter(await this.ratingAppealUseCases.appeal(caller, input, commandIdFrom(input.commandId)));
  }

  @Allow('supervisor')
  @Mutation(() => Matter, { description: '复核: a supervisor decides the appeal.' })
  async reviewRatingAppeal(@CurrentCaller() caller: Caller, @Args('input') input: ReviewRatingAppealInput): Promise<Matter> {
    return this.toMatter(await this.ratingAppealUseCases.review(caller, input, commandIdFrom(input.commandId)));
  }

  @Allow('supervisor')
  @Mutation(() => Matter, { description: '督办: an upper-level supervisor orders an answer by a deadline.' })
  async orderSupervision(@CurrentCaller() caller: Caller, @Args('input') input: OrderSupervisionInput): Promise<Matter> {
    const commandId = commandIdFrom(input.commandId);
    return this.toMatter(await this.supervisionUseCases.order(caller, { caseCode: input.caseCode, supervisionId: input.commandId ? commandId : newId(), note: input.note, dueAt: input.dueAt }, commandId));
  }

  @Allow('clerk', 'handler', 'supervisor')
  @Mutation(() => Matter, { description: '督办回复.' })
  async answerSupervision(@CurrentCaller() caller: Caller, @Args('input') input: AnswerSupervisionInput): Promise<Matter> {
    return this.toMatter(await this.supervisionUseCases.answer(caller, input, commandIdFrom(input.commandId)));
  }

  private toMatter(document: MatterDocument): Matter {
    const { _id, _revisions, applicantPhoneLast4, receivingRegionCode, handlingRegionCode, ...rest } = document;
    void _revisions;
    void applicantPhoneLast4;
    void handlingRegionCode;
    return {
      ...(rest as unknown as Omit<Matter, 'id' | 'deadlineStatus' | 'progressUrl' | 'receivingRegionCode'>),
      id: _id,
      receivingRegionCode,
      deadlineStatus: this.queries.deadlineStatus(document),
      progressUrl: `${(this.options.publicBaseUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/progress/${document.caseCode}`,
    } as Matter;
  }
}

function toApplicant(input: ApplicantInput): DomainApplicantInput {
  if ((input.kind as string) === 'organisation') {
    if (!input.uscc || !input.contactName || !input.contactPhone) {
      throw new InvalidInput('APPLICANT_FIELDS_MISSING', 'an organisation applicant needs uscc, contactName and contactPhone');
    }
    return { kind: 'organisation', name: input.name, uscc: input.uscc, contactName: input.contactName, contactPhone: input.contactPhone };
  }
  if (!input.idType || !input.idNumber || !input.phone) throw new InvalidInput('APPLICANT_FIELDS_MISSING', 'a person applicant needs idType, idNumber and phone');
  return { kind: 'person', name: input.name, idType: input.idType as unknown as IdType, idNumber: input.idNumber, phone: input.phone };
}
