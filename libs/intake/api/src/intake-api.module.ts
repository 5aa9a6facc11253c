import { Module, type DynamicModule } from '@nestjs/common';
import { IntakeApplicationModule, type IntakeOptions } from '@pls/intake-application';
import { IntakeResolver } from './intake.resolver';
import { ProgressPageController } from './progress-page.controller';

@Module({})
export class IntakeApiModule {
  static forRoot(options: IntakeOptions = {}): DynamicModule {
    return { module: IntakeApiModule, imports: [IntakeApplicationModule.forRoot(options)], providers: [IntakeResolver], controllers: [ProgressPageController] };
  }
}
