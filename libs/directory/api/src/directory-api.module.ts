import { type DynamicModule, Module } from '@nestjs/common';
import { DirectoryApplicationModule, type DirectoryOptions } from '@pls/directory-application';
import { DemoSignInResolver } from './resolvers/demo-sign-in.resolver';
import { MeResolver } from './resolvers/me.resolver';
import { OrganisationAdminResolver } from './resolvers/organisation-admin.resolver';
import { OrganisationsResolver } from './resolvers/organisations.resolver';
import { RegionsResolver } from './resolvers/regions.resolver';
import { StaffAdminResolver } from './resolvers/staff-admin.resolver';
import { StaffResolver } from './resolvers/staff.resolver';
import { DirectoryViews } from './views/directory-views';
import { DirectoryWrites } from './views/directory-writes';
import { OrganisationLoader } from './views/organisation.loader';

/** The directory's part of the gateway: regions, organisations, staff, `me`, admin mutations and demo sign-in. */
@Module({})
export class DirectoryApiModule {
  static forRoot(options: DirectoryOptions): DynamicModule {
    return {
      module: DirectoryApiModule,
      imports: [DirectoryApplicationModule.forRoot(options)],
      providers: [
        DirectoryViews,
        DirectoryWrites,
        OrganisationLoader,
        RegionsResolver,
        OrganisationsResolver,
        StaffResolver,
        MeResolver,
        OrganisationAdminResolver,
        StaffAdminResolver,
        DemoSignInResolver,
      ],
    };
  }
}
