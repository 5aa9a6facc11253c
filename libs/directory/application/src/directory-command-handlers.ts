import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, EVENT_STORE, type EventStore } from '@pls/event-sourcing';
import {
  DIRECTORY_CONTEXT,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
  organisationDecider,
  type RegionCommand,
  type RegionEvent,
  type RegionState,
  regionDecider,
  type StaffMemberCommand,
  type StaffMemberEvent,
  type StaffMemberState,
  staffMemberDecider,
} from '@pls/directory-domain';

/** One command handler per aggregate of the directory; events are typed `directory.<Name>`. */
@Injectable()
export class DirectoryCommandHandlers {
  readonly organisations: CommandHandler<OrganisationCommand, OrganisationEvent, OrganisationState>;
  readonly staff: CommandHandler<StaffMemberCommand, StaffMemberEvent, StaffMemberState>;
  readonly regions: CommandHandler<RegionCommand, RegionEvent, RegionState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.organisations = new CommandHandler({ context: DIRECTORY_CONTEXT, decider: organisationDecider, store });
    this.staff = new CommandHandler({ context: DIRECTORY_CONTEXT, decider: staffMemberDecider, store });
    this.regions = new CommandHandler({ context: DIRECTORY_CONTEXT, decider: regionDecider, store });
  }
}
