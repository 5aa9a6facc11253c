import { Module, type DynamicModule } from '@nestjs/common';
import { MediationApplicationModule, type MediationOptions } from '@pls/mediation-application';
import { MediationResolver } from './mediation.resolver';

@Module({})
export class MediationApiModule {
  static forRoot(options: MediationOptions = {}): DynamicModule {
    return { module: MediationApiModule, imports: [MediationApplicationModule.forRoot(options)], providers: [MediationResolver], exports: [MediationApplicationModule] };
  }
}
