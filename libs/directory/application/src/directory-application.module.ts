import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DIRECTORY_LOOKUP } from '@pls/directory-contracts';
import { PROCESS_REGISTRY, type ProcessRegistry } from '@pls/event-sourcing';
import { RegionCatalog } from '@pls/shared-kernel';
import { ChangeStaffLines } from './change-staff-lines/change-staff-lines';
import { ChangeStaffRoles } from './change-staff-roles/change-staff-roles';
import { CloseOrganisation } from './close-organisation/close-organisation';
import { DeactivateStaffMember } from './deactivate-staff-member/deactivate-staff-member';
import { DemoSignIn } from './demo-sign-in/demo-sign-in';
import { DirectoryCommandHandlers } from './directory-command-handlers';
import { DirectoryLookupService } from './directory-lookup/directory-lookup.service';
import { DIRECTORY_OPTIONS, DIRECTORY_REGION_CATALOG, type DirectoryOptions } from './directory-options';
import { DirectoryRecords } from './directory-records';
import { EndProfessionalProfile } from './end-professional-profile/end-professional-profile';
import { MoveStaffMember } from './move-staff-member/move-staff-member';
import { DirectoryReadModel } from './read-models/directory-read-model';
import { organisationsProjection } from './read-models/organisations/organisations.projection';
import { DirectoryRegions } from './read-models/regions/directory-regions';
import { regionsProjection } from './read-models/regions/regions.projection';
import { staffProjection } from './read-models/staff/staff.projection';
import { RecordProfessionalProfile } from './record-professional-profile/record-professional-profile';
import { RecordRegionPopulation } from './record-region-population/record-region-population';
import { RegisterOrganisation } from './register-organisation/register-organisation';
import { RegisterStaffMember } from './register-staff-member/register-staff-member';
import { SeedDemoDirectory } from './seed-demo-directory/seed-demo-directory';
import { UnmaskStaffPhone } from './unmask-staff-phone/unmask-staff-phone';
import { UpdateOrganisation } from './update-organisation/update-organisation';

export const DIRECTORY_USE_CASES = [
  RegisterOrganisation,
  UpdateOrganisation,
  CloseOrganisation,
  RegisterStaffMember,
  ChangeStaffRoles,
  ChangeStaffLines,
  MoveStaffMember,
  DeactivateStaffMember,
  RecordProfessionalProfile,
  EndProfessionalProfile,
  RecordRegionPopulation,
  UnmaskStaffPhone,
] as const;

const QUERIES = [DirectoryReadModel, DirectoryRegions, DirectoryLookupService, DemoSignIn] as const;

/**
 * The directory context: its command handlers, use cases, projections, the `DIRECTORY_LOOKUP`
 * other contexts ask, and the demo seed. Global, so that another context's module resolves
 * `DIRECTORY_LOOKUP` through the contracts token alone, without importing this library.
 */
@Module({})
export class DirectoryApplicationModule implements OnModuleInit {
  static forRoot(options: DirectoryOptions): DynamicModule {
    return {
      module: DirectoryApplicationModule,
      global: true,
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        { provide: DIRECTORY_REGION_CATALOG, useFactory: () => new RegionCatalog({ provinces: [...options.provinces] }) },
        DirectoryCommandHandlers,
        DirectoryRecords,
        SeedDemoDirectory,
        ...QUERIES,
        ...DIRECTORY_USE_CASES,
        { provide: DIRECTORY_LOOKUP, useExisting: DirectoryLookupService },
      ],
      exports: [DIRECTORY_LOOKUP, DIRECTORY_REGION_CATALOG, ...QUERIES, ...DIRECTORY_USE_CASES],
    };
  }

  constructor(
    @Inject(PROCESS_REGISTRY) private readonly registry: ProcessRegistry,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
    private readonly seed: SeedDemoDirectory,
  ) {}

  /** Registered before the runtime starts (onApplicationBootstrap), which then runs them. */
  onModuleInit(): void {
    this.registry.registerProjection(organisationsProjection);
    this.registry.registerProjection(staffProjection);
    this.registry.registerProjection(regionsProjection);
    if (this.options.seedDemo) this.registry.registerStartupTask('directory: demo seed', () => this.seed.run());
  }
}
