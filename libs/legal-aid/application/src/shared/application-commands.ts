import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, CommandHandler, EVENT_STORE, openProjectionCollection, PROJECTION_CATCH_UP, whenOwnEventsHandled, READ_STORE, type CommandMetadata, type EventStore, type Filter, type ProjectionCatchUp, type ReadStore } from '@pls/event-sourcing';
import { APPLICATION_CONTEXT, applicationStreamId, legalAidDecider, type ApplicationCommand, type ApplicationEvent, type ApplicationState, type LegalAidDecider } from '@pls/legal-aid-domain';
import { NotFound, StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { applicationsProjection } from '../read-models/applications/applications.projection';
import { LEGAL_AID_OPTIONS, type LegalAidOptions } from './legal-aid.options';

/**
 * The one way legal aid commands reach an application stream: the decider with the configured
 * deadlines on the statutory calendar, the kernel's command handler, and a wait for the view so
 * the caller reads its own write.
 */
@Injectable()
export class ApplicationCommands {
  readonly decider: LegalAidDecider;
  private readonly handler: CommandHandler<ApplicationCommand, ApplicationEvent, ApplicationState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(PROJECTION_CATCH_UP) private readonly catchUp: ProjectionCatchUp,
    @Inject(LEGAL_AID_OPTIONS) options: LegalAidOptions,
  ) {
    // Beyond the holiday data deadlines are still computed (weekends only) with a visible warning,
    // rather than refusing the agency's work (DOMAIN.md §7).
    this.decider = legalAidDecider({ calendar: new StatutoryCalendar({ beyondData: 'warn' }), deadlines: options.deadlines });
    this.handler = new CommandHandler({ context: APPLICATION_CONTEXT, decider: this.decider, store });
  }

  async send(applicationId: string, command: ApplicationCommand): Promise<void> {
    await this.handler.handle(applicationStreamId(applicationId), command);
  }

  async sendAndRead(applicationId: string, command: ApplicationCommand): Promise<LegalAidApplicationDocument> {
    const { events } = await this.handler.handle(applicationStreamId(applicationId), command);
    await whenOwnEventsHandled(this.catchUp, events);
    return this.requireById(applicationId);
  }

  async streamHasEvents(applicationId: string): Promise<boolean> {
    return (await this.store.readStream(applicationStreamId(applicationId), { maxCount: 1 })).length > 0;
  }

  async nextSerial(): Promise<number> {
    return (await this.store.headPosition()) + 1;
  }

  async requireById(applicationId: string): Promise<LegalAidApplicationDocument> {
    const found = await (await openProjectionCollection<LegalAidApplicationDocument>(this.readStore, applicationsProjection)).get(applicationId);
    if (!found) throw new NotFound('APPLICATION_NOT_FOUND', `no legal aid application ${applicationId}`);
    return found;
  }

  async find(filter: Filter): Promise<LegalAidApplicationDocument[]> {
    return (await openProjectionCollection<LegalAidApplicationDocument>(this.readStore, applicationsProjection)).find(filter);
  }

  async readAfterCatchUp(applicationId: string): Promise<LegalAidApplicationDocument> {
    await this.catchUp.whenCaughtUp();
    return this.requireById(applicationId);
  }

  metadata(caller: Caller, commandId: string, extra: Partial<CommandMetadata> = {}): CommandMetadata {
    return { commandId, now: this.clock.now().toISOString(), actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] }, correlationId: commandId, ...extra };
  }
}
