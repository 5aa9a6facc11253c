import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { PROCESS_REGISTRY, type ProcessRegistry } from '@pls/event-sourcing';
import { MediationFrontDeskReactor } from './from-front-desk/front-desk-intake.reactor';
import { MediationQueries } from './read-models/mediation-queries';
import { mediationCasesProjection } from './read-models/mediation-cases.projection';
import { MediationCommands } from './shared/mediation-commands';
import { MEDIATION_OPTIONS, type MediationOptions } from './shared/mediation.options';
import { HandleMediation } from './use-cases/handle-mediation.use-cases';
import { JudicialConfirmation } from './use-cases/judicial-confirmation.use-cases';
import { OpenMediation } from './use-cases/open-mediation.use-cases';
import { UnmaskParty } from './unmask-party/unmask-party.use-case';

const USE_CASES = [OpenMediation, HandleMediation, JudicialConfirmation, UnmaskParty];

/** People's mediation (人民调解): cases from the desk, the committees and the organs, to judicial confirmation. */
@Module({})
export class MediationApplicationModule implements OnModuleInit {
  constructor(
    @Inject(PROCESS_REGISTRY) private readonly registry: ProcessRegistry,
    private readonly fromFrontDesk: MediationFrontDeskReactor,
  ) {}

  static forRoot(options: MediationOptions = {}): DynamicModule {
    return {
      module: MediationApplicationModule,
      providers: [{ provide: MEDIATION_OPTIONS, useValue: options }, MediationCommands, MediationQueries, MediationFrontDeskReactor, ...USE_CASES],
      // MediationCommands is exported for integrations that drive cases in bulk (imports, tests).
      exports: [MediationQueries, MediationCommands, ...USE_CASES],
    };
  }

  onModuleInit(): void {
    this.registry.registerProjection(mediationCasesProjection);
    this.registry.registerReactor(this.fromFrontDesk);
  }
}
