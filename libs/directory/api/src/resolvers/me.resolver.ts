import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DirectoryReadModel, DirectoryRegions } from '@pls/directory-application';
import { Allow, type Caller, CurrentCaller, ROLES } from '@pls/shared-api';
import { OrganisationNode } from '../graphql/organisation.types';
import { RegionNode } from '../graphql/region.types';
import { MeNode, StaffMemberNode } from '../graphql/staff.types';
import { DirectoryViews } from '../views/directory-views';
import { OrganisationLoader, requestOf } from '../views/organisation.loader';

export function meNode(caller: Caller): MeNode {
  const { userId, name, roles, orgId, regionCode, lines } = caller;
  return { userId, name, roles, orgId, regionCode, lines, viewer: caller };
}

@Resolver(() => MeNode)
export class MeResolver {
  constructor(
    private readonly readModel: DirectoryReadModel,
    private readonly directoryRegions: DirectoryRegions,
    private readonly views: DirectoryViews,
    private readonly loader: OrganisationLoader,
  ) {}

  @Allow(...ROLES)
  @Query(() => MeNode, { description: 'Who the token says you are, with your organisation and staff record as the directory holds them now.' })
  me(@CurrentCaller() caller: Caller): MeNode {
    return meNode(caller);
  }

  @ResolveField(() => OrganisationNode, { nullable: true })
  async organisation(@Parent() me: MeNode, @Context() context: { req?: object }): Promise<OrganisationNode | null> {
    const document = await this.loader.load(requestOf(context), me.orgId);
    return document && this.views.organisation(document);
  }

  @ResolveField(() => RegionNode, { nullable: true })
  region(@Parent() me: MeNode): RegionNode | null {
    return this.directoryRegions.describe(me.regionCode);
  }

  @ResolveField(() => StaffMemberNode, { nullable: true })
  async staffMember(@Parent() me: MeNode): Promise<StaffMemberNode | null> {
    const document = await this.readModel.staffMember(me.userId);
    return document && this.views.staffMembers([document], me.viewer)[0];
  }
}
