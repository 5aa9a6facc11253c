import { Injectable } from '@nestjs/common';
import {
  type OrganisationFacts,
  organisationFactsOf,
  organisationStreamId,
  type StaffMember,
  staffMemberStreamId,
} from '@pls/directory-domain';
import { NotFound } from '@pls/shared-kernel';
import { DirectoryCommandHandlers } from './directory-command-handlers';

/**
 * The current facts a command depends on, folded from the event store rather than read from the
 * read models: a decision must not rest on a view that may lag (an organisation closed a moment
 * ago, a member just moved). One stream read each; the read models serve the queries.
 */
@Injectable()
export class DirectoryRecords {
  constructor(private readonly handlers: DirectoryCommandHandlers) {}

  async organisationFacts(orgId: string): Promise<OrganisationFacts | null> {
    const { state } = await this.handlers.organisations.load(organisationStreamId(orgId));
    return organisationFactsOf(state);
  }

  /** `field` names the input that referred to it, so the client knows which id was wrong. */
  async requireOrganisation(orgId: string, field: string): Promise<OrganisationFacts> {
    const facts = await this.organisationFacts(orgId);
    if (facts === null) throw new NotFound('ORGANISATION_NOT_FOUND', `no organisation ${orgId}`, { orgId, field });
    return facts;
  }

  /** Active or deactivated: the decider tells the two apart when the command is decided. */
  async requireStaffMember(userId: string): Promise<StaffMember> {
    const { state } = await this.handlers.staff.load(staffMemberStreamId(userId));
    if (state.status === 'unregistered') throw new NotFound('STAFF_MEMBER_NOT_FOUND', `no staff member ${userId}`, { userId });
    return state.member;
  }
}
