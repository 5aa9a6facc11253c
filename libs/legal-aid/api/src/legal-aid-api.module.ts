import { Module, type DynamicModule } from '@nestjs/common';
import { LegalAidApplicationModule, type LegalAidOptions } from '@pls/legal-aid-application';
import { LegalAidCooperationResolver } from './legal-aid-cooperation.resolver';
import { LegalAidDutyResolver } from './legal-aid-duty.resolver';
import { LegalAidResolver } from './legal-aid.resolver';

@Module({})
export class LegalAidApiModule {
  static forRoot(options: LegalAidOptions = {}): DynamicModule {
    return { module: LegalAidApiModule, imports: [LegalAidApplicationModule.forRoot(options)], providers: [LegalAidResolver, LegalAidDutyResolver, LegalAidCooperationResolver] };
  }
}
