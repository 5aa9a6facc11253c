import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReadModel, DirectoryRegions, type Requester, type UseCaseContext } from '@pls/directory-application';
import { CLOCK, PROJECTION_CATCH_UP, type ProjectionCatchUp } from '@pls/event-sourcing';
import { type Caller, commandMetadata } from '@pls/shared-api';
import type { Clock } from '@pls/shared-kernel';
import type { OrganisationNode } from '../graphql/organisation.types';
import type { RegionNode } from '../graphql/region.types';
import type { StaffMemberNode } from '../graphql/staff.types';
import { DirectoryViews } from './directory-views';

/**
 * What every mutation does around its use case: command metadata from the caller (with the
 * client's command id for idempotent retries), and after the write, the view as the read model
 * now holds it, so the caller reads its own write.
 */
@Injectable()
export class DirectoryWrites {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTION_CATCH_UP) private readonly catchUp: ProjectionCatchUp,
    private readonly readModel: DirectoryReadModel,
    private readonly regions: DirectoryRegions,
    private readonly views: DirectoryViews,
  ) {}

  context(caller: Caller, commandId: string | null | undefined): UseCaseContext {
    return { requester: caller, metadata: commandMetadata(caller, this.clock, commandId) };
  }

  async organisation(orgId: string): Promise<OrganisationNode> {
    await this.catchUp.whenCaughtUp();
    const document = await this.readModel.organisation(orgId);
    if (document === null) throw new Error(`organisation ${orgId} was written but is not in the read model`);
    return this.views.organisation(document);
  }

  async staffMember(userId: string, viewer: Requester): Promise<StaffMemberNode> {
    await this.catchUp.whenCaughtUp();
    const document = await this.readModel.staffMember(userId);
    if (document === null) throw new Error(`staff member ${userId} was written but is not in the read model`);
    return this.views.staffMembers([document], viewer)[0];
  }

  async region(regionCode: string): Promise<RegionNode> {
    await this.catchUp.whenCaughtUp();
    return this.regions.require(regionCode);
  }
}
