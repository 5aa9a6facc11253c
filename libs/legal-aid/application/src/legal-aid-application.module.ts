import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { PROCESS_REGISTRY, type ProcessRegistry } from '@pls/event-sourcing';
import { AssignLawyer } from './assign-lawyer/assign-lawyer.use-cases';
import { Closure } from './closure/closure.use-cases';
import { Cooperation } from './cooperation/cooperation.use-cases';
import { DutyLawyers } from './duty-lawyers/duty-lawyers.use-cases';
import { ForwardApplication } from './forward-application/forward-application.use-case';
import { FrontDeskIntakeReactor } from './from-front-desk/front-desk-intake.reactor';
import { HandleMatter } from './handle-matter/handle-matter.use-cases';
import { NotifyDefence } from './notify-defence/notify-defence.use-case';
import { Objection } from './objection/objection.use-cases';
import { ApplicationQueries } from './read-models/applications/application-queries';
import { applicationsProjection } from './read-models/applications/applications.projection';
import { cooperationProjection } from './read-models/cooperation/cooperation.projection';
import { DutyQueries } from './read-models/duty-lawyers/duty-queries';
import { dutyLawyersProjection } from './read-models/duty-lawyers/duty-lawyers.projection';
import { regionSettingsProjection } from './read-models/region-settings/region-settings.projection';
import { RegionSettings } from './region-settings/region-settings.use-cases';
import { ReceiveApplication } from './receive-application/receive-application.use-case';
import { ReviewApplication } from './review-application/review-application.use-cases';
import { ApplicationCommands } from './shared/application-commands';
import { LegalAidStreams } from './shared/legal-aid-streams';
import { LEGAL_AID_OPTIONS, type LegalAidOptions } from './shared/legal-aid.options';
import { UnmaskLegalAidApplicant } from './unmask-applicant/unmask-applicant.use-case';

export * from './unmask-applicant/unmask-applicant.use-case';

const USE_CASES = [ReceiveApplication, ReviewApplication, AssignLawyer, HandleMatter, Closure, Objection, NotifyDefence, UnmaskLegalAidApplicant, ForwardApplication, DutyLawyers, Cooperation, RegionSettings];

/** Legal aid (法律援助): applications from the desk, the agency and the organs, to closure. */
@Module({})
export class LegalAidApplicationModule implements OnModuleInit {
  constructor(
    @Inject(PROCESS_REGISTRY) private readonly registry: ProcessRegistry,
    private readonly fromFrontDesk: FrontDeskIntakeReactor,
  ) {}

  static forRoot(options: LegalAidOptions = {}): DynamicModule {
    return {
      module: LegalAidApplicationModule,
      providers: [{ provide: LEGAL_AID_OPTIONS, useValue: options }, ApplicationCommands, LegalAidStreams, ApplicationQueries, DutyQueries, FrontDeskIntakeReactor, ...USE_CASES],
      exports: [ApplicationQueries, DutyQueries, ...USE_CASES],
    };
  }

  onModuleInit(): void {
    this.registry.registerProjection(applicationsProjection);
    this.registry.registerProjection(dutyLawyersProjection);
    this.registry.registerProjection(cooperationProjection);
    this.registry.registerProjection(regionSettingsProjection);
    this.registry.registerReactor(this.fromFrontDesk);
  }
}
