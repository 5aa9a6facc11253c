import { Args, Mutation, Resolver } from '@nestjs/graphql';
import {
  ChangeStaffLines,
  ChangeStaffRoles,
  DeactivateStaffMember,
  EndProfessionalProfile,
  MoveStaffMember,
  RecordProfessionalProfile,
  RegisterStaffMember,
} from '@pls/directory-application';
import { Allow, type Caller, CurrentCaller } from '@pls/shared-api';
import {
  parseAppraiserProfile,
  parseChangeStaffLines,
  parseChangeStaffRoles,
  parseCorrectionOfficerProfile,
  parseDeactivateStaffMember,
  parseEndProfessionalProfile,
  parseLawyerProfile,
  parseMediatorProfile,
  parseMoveStaffMember,
  parseNotaryProfile,
  parseRegisterStaffMember,
} from '../edge/parse-inputs';
import {
  ChangeStaffLinesInput,
  ChangeStaffRolesInput,
  DeactivateStaffMemberInput,
  EndProfessionalProfileInput,
  MoveStaffMemberInput,
  RecordAppraiserProfileInput,
  RecordCorrectionOfficerProfileInput,
  RecordLawyerProfileInput,
  RecordMediatorProfileInput,
  RecordNotaryProfileInput,
  RegisterStaffMemberInput,
} from '../graphql/mutation.inputs';
import { StaffMemberNode } from '../graphql/staff.types';
import { DirectoryWrites } from '../views/directory-writes';

const WHO =
  'Admins anywhere; supervisors for clerks and handlers of organisations in their own region subtree (OUTSIDE_REGION_SCOPE, ROLE_MANAGEMENT_NEEDS_ADMIN otherwise).';

/** The role check here lets supervisors in; the application's access policy narrows them to their subtree. */
@Resolver()
export class StaffAdminResolver {
  constructor(
    private readonly registerUseCase: RegisterStaffMember,
    private readonly rolesUseCase: ChangeStaffRoles,
    private readonly linesUseCase: ChangeStaffLines,
    private readonly moveUseCase: MoveStaffMember,
    private readonly deactivateUseCase: DeactivateStaffMember,
    private readonly profileUseCase: RecordProfessionalProfile,
    private readonly endProfileUseCase: EndProfessionalProfile,
    private readonly writes: DirectoryWrites,
  ) {}

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} Refusals: ORGANISATION_NOT_FOUND, ROLE_NOT_ALLOWED_AT_ORGANISATION, STAFF_LINE_NOT_SERVED_BY_ORGANISATION, MOBILE_NUMBER_INVALID, …` })
  async registerStaffMember(@CurrentCaller() caller: Caller, @Args('input') input: RegisterStaffMemberInput): Promise<StaffMemberNode> {
    const { userId } = await this.registerUseCase.execute(parseRegisterStaffMember(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: WHO })
  async changeStaffRoles(@CurrentCaller() caller: Caller, @Args('input') input: ChangeStaffRolesInput): Promise<StaffMemberNode> {
    const { userId } = await this.rolesUseCase.execute(parseChangeStaffRoles(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: WHO })
  async changeStaffLines(@CurrentCaller() caller: Caller, @Args('input') input: ChangeStaffLinesInput): Promise<StaffMemberNode> {
    const { userId } = await this.linesUseCase.execute(parseChangeStaffLines(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} Both organisations must lie in a supervisor's subtree.` })
  async moveStaffMember(@CurrentCaller() caller: Caller, @Args('input') input: MoveStaffMemberInput): Promise<StaffMemberNode> {
    const { userId } = await this.moveUseCase.execute(parseMoveStaffMember(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} Nobody deactivates themself (STAFF_CANNOT_DEACTIVATE_SELF).` })
  async deactivateStaffMember(@CurrentCaller() caller: Caller, @Args('input') input: DeactivateStaffMemberInput): Promise<StaffMemberNode> {
    const { userId } = await this.deactivateUseCase.execute(parseDeactivateStaffMember(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} A handler at a law firm or legal aid agency serving legal aid.` })
  async recordLawyerProfile(@CurrentCaller() caller: Caller, @Args('input') input: RecordLawyerProfileInput): Promise<StaffMemberNode> {
    const { userId } = await this.profileUseCase.execute(parseLawyerProfile(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} A handler at a mediation committee.` })
  async recordMediatorProfile(@CurrentCaller() caller: Caller, @Args('input') input: RecordMediatorProfileInput): Promise<StaffMemberNode> {
    const { userId } = await this.profileUseCase.execute(parseMediatorProfile(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} A handler at a notary office.` })
  async recordNotaryProfile(@CurrentCaller() caller: Caller, @Args('input') input: RecordNotaryProfileInput): Promise<StaffMemberNode> {
    const { userId } = await this.profileUseCase.execute(parseNotaryProfile(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} A handler at an appraisal institution.` })
  async recordAppraiserProfile(@CurrentCaller() caller: Caller, @Args('input') input: RecordAppraiserProfileInput): Promise<StaffMemberNode> {
    const { userId } = await this.profileUseCase.execute(parseAppraiserProfile(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} A handler at a correction agency or judicial office.` })
  async recordCorrectionOfficerProfile(@CurrentCaller() caller: Caller, @Args('input') input: RecordCorrectionOfficerProfileInput): Promise<StaffMemberNode> {
    const { userId } = await this.profileUseCase.execute(parseCorrectionOfficerProfile(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }

  @Allow('admin', 'supervisor')
  @Mutation(() => StaffMemberNode, { description: `${WHO} Needed before a change that would leave the profile without its role, line or workplace.` })
  async endProfessionalProfile(@CurrentCaller() caller: Caller, @Args('input') input: EndProfessionalProfileInput): Promise<StaffMemberNode> {
    const { userId } = await this.endProfileUseCase.execute(parseEndProfessionalProfile(input), this.writes.context(caller, input.commandId));
    return this.writes.staffMember(userId, caller);
  }
}
