import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { PROCESS_REGISTRY, type ProcessRegistry } from '@pls/event-sourcing';
import { AnswerConsultation } from './answer-consultation/answer-consultation.use-case';
import { BackOfficeReplyReactor } from './back-office-replies/back-office-reply.reactor';
import { DeliverFeedback } from './deliver-feedback/deliver-feedback.use-case';
import { RateService } from './rate-service/rate-service.use-case';
import { RatingAppeal } from './rating-appeal/rating-appeal.use-cases';
import { MatterQueries } from './read-models/matters/matter-queries';
import { mattersProjection } from './read-models/matters/matters.projection';
import { Rectification } from './rectification/rectification.use-cases';
import { RegisterMatter } from './register-matter/register-matter.use-case';
import { RouteMatter } from './route-matter/route-matter.use-case';
import { INTAKE_OPTIONS, type IntakeOptions } from './shared/intake.options';
import { MatterCommands } from './shared/matter-commands';
import { Supervision } from './supervision/supervision.use-cases';
import { PhoneDigitsGuessLimit } from './public-lookup/phone-digits-guess-limit';
import { UnmaskApplicant } from './unmask-applicant/unmask-applicant.use-case';

const USE_CASES = [RegisterMatter, AnswerConsultation, RouteMatter, DeliverFeedback, RateService, Rectification, RatingAppeal, Supervision, UnmaskApplicant];

/** The front desk (前台统一受理): matters, their timeline, feedback, ratings and supervision. */
@Module({})
export class IntakeApplicationModule implements OnModuleInit {
  constructor(
    @Inject(PROCESS_REGISTRY) private readonly registry: ProcessRegistry,
    private readonly replies: BackOfficeReplyReactor,
  ) {}

  static forRoot(options: IntakeOptions = {}): DynamicModule {
    return {
      module: IntakeApplicationModule,
      providers: [{ provide: INTAKE_OPTIONS, useValue: options }, MatterCommands, MatterQueries, PhoneDigitsGuessLimit, BackOfficeReplyReactor, ...USE_CASES],
      exports: [MatterQueries, INTAKE_OPTIONS, ...USE_CASES],
    };
  }

  onModuleInit(): void {
    this.registry.registerProjection(mattersProjection);
    this.registry.registerReactor(this.replies);
  }
}
