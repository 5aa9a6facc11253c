import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CloseOrganisation, RecordRegionPopulation, RegisterOrganisation, UpdateOrganisation } from '@pls/directory-application';
import { Allow, type Caller, CurrentCaller } from '@pls/shared-api';
import { parseCloseOrganisation, parseRecordRegionPopulation, parseRegisterOrganisation, parseUpdateOrganisation } from '../edge/parse-inputs';
import { CloseOrganisationInput, RecordRegionPopulationInput, RegisterOrganisationInput, UpdateOrganisationInput } from '../graphql/mutation.inputs';
import { OrganisationNode } from '../graphql/organisation.types';
import { RegionNode } from '../graphql/region.types';
import { DirectoryWrites } from '../views/directory-writes';

/** Organisations and populations are the platform's reference data: admins change them. */
@Resolver()
export class OrganisationAdminResolver {
  constructor(
    private readonly registerUseCase: RegisterOrganisation,
    private readonly updateUseCase: UpdateOrganisation,
    private readonly closeUseCase: CloseOrganisation,
    private readonly populationUseCase: RecordRegionPopulation,
    private readonly writes: DirectoryWrites,
  ) {}

  @Allow('admin')
  @Mutation(() => OrganisationNode, { description: 'Refusals: REGION_NOT_FOUND, ORGANISATION_NOT_FOUND (parent), ORGANISATION_LEVEL_NOT_ALLOWED, ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND, …' })
  async registerOrganisation(@CurrentCaller() caller: Caller, @Args('input') input: RegisterOrganisationInput): Promise<OrganisationNode> {
    const { orgId } = await this.registerUseCase.execute(parseRegisterOrganisation(input), this.writes.context(caller, input.commandId));
    return this.writes.organisation(orgId);
  }

  @Allow('admin')
  @Mutation(() => OrganisationNode, { description: 'Refusals: ORGANISATION_NOT_FOUND, ORGANISATION_CLOSED, ORGANISATION_LINE_HELD_BY_STAFF, …' })
  async updateOrganisation(@CurrentCaller() caller: Caller, @Args('input') input: UpdateOrganisationInput): Promise<OrganisationNode> {
    const { orgId } = await this.updateUseCase.execute(parseUpdateOrganisation(input), this.writes.context(caller, input.commandId));
    return this.writes.organisation(orgId);
  }

  @Allow('admin')
  @Mutation(() => OrganisationNode, { description: 'Refusals: ORGANISATION_NOT_FOUND, ORGANISATION_CLOSED, ORGANISATION_HAS_ACTIVE_STAFF, ORGANISATION_HAS_OPEN_CHILDREN.' })
  async closeOrganisation(@CurrentCaller() caller: Caller, @Args('input') input: CloseOrganisationInput): Promise<OrganisationNode> {
    const { orgId } = await this.closeUseCase.execute(parseCloseOrganisation(input), this.writes.context(caller, input.commandId));
    return this.writes.organisation(orgId);
  }

  @Allow('admin')
  @Mutation(() => RegionNode, { description: 'A later record for the same year corrects it. Refusals: REGION_NOT_FOUND, POPULATION_YEAR_OUT_OF_RANGE, POPULATION_NOT_POSITIVE.' })
  async recordRegionPopulation(@CurrentCaller() caller: Caller, @Args('input') input: RecordRegionPopulationInput): Promise<RegionNode> {
    const { regionCode } = await this.populationUseCase.execute(parseRecordRegionPopulation(input), this.writes.context(caller, input.commandId));
    return this.writes.region(regionCode);
  }
}
