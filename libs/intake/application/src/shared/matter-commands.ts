import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, CommandHandler, type HandleOptions, EVENT_STORE, READ_STORE, openProjectionCollection, PROJECTION_CATCH_UP, whenOwnEventsHandled, type CommandMetadata, type EventStore, type ProjectionCatchUp, type ReadStore } from '@pls/event-sourcing';
import { matterDecider, matterStreamId, parseCaseCode, MATTER_CONTEXT, type MatterCommand, type MatterDecider, type MatterEvent, type MatterState } from '@pls/intake-domain';
import { NotFound, StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import type { MatterDocument } from '../read-models/matters/matter.document';
import { mattersProjection } from '../read-models/matters/matters.projection';
import { INTAKE_OPTIONS, type IntakeOptions } from './intake.options';

/**
 * The one way intake commands reach the Matter stream: builds the decider with the configured
 * deadlines and the statutory calendar, sends commands through the kernel's command handler and
 * waits for the views so the caller reads its own write.
 */
@Injectable()
export class MatterCommands {
  readonly decider: MatterDecider;
  private readonly handler: CommandHandler<MatterCommand, MatterEvent, MatterState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(PROJECTION_CATCH_UP) private readonly catchUp: ProjectionCatchUp,
    @Inject(INTAKE_OPTIONS) options: IntakeOptions,
  ) {
    // Beyond the holiday data (chinese-days ends with 2026) deadlines are still computed, on
    // weekends only, and carry a visible warning instead of refusing the clerk's work.
    this.decider = matterDecider({ calendar: new StatutoryCalendar({ beyondData: 'warn' }), deadlines: options.deadlines });
    this.handler = new CommandHandler({ context: MATTER_CONTEXT, decider: this.decider, store });
  }

  async send(matterId: string, command: MatterCommand): Promise<void> {
    await this.handler.handle(matterStreamId(matterId), command);
  }

  /** Send, then wait until the matters view shows the result. */
  async sendAndRead(matterId: string, command: MatterCommand, options?: HandleOptions): Promise<MatterDocument> {
    const { events } = await this.handler.handle(matterStreamId(matterId), command, options);
    await whenOwnEventsHandled(this.catchUp, events);
    return this.requireById(matterId);
  }

  /** Whether the event store can land a case-code reservation and the matter in one commit. */
  get appendsAtomicallyToStreams(): boolean {
    return typeof this.store.appendToStreams === 'function';
  }

  async readAfterCatchUp(matterId: string): Promise<MatterDocument> {
    await this.catchUp.whenCaughtUp();
    return this.requireById(matterId);
  }

  async streamHasEvents(matterId: string): Promise<boolean> {
    return (await this.store.readStream(matterStreamId(matterId), { maxCount: 1 })).length > 0;
  }

  async requireById(matterId: string): Promise<MatterDocument> {
    const matter = await (await openProjectionCollection<MatterDocument>(this.readStore, mattersProjection)).get(matterId);
    if (!matter) throw new NotFound('MATTER_NOT_FOUND', `no matter ${matterId}`);
    return matter;
  }

  async requireByCaseCode(code: string): Promise<MatterDocument> {
    const caseCode = parseCaseCode(code).value;
    const [matter] = await (await openProjectionCollection<MatterDocument>(this.readStore, mattersProjection)).find({ caseCode }, { limit: 1 });
    if (!matter) throw new NotFound('MATTER_NOT_FOUND', `no matter with case code ${caseCode}`);
    return matter;
  }

  metadata(caller: Caller, commandId: string, extra: Partial<CommandMetadata> = {}): CommandMetadata {
    return { commandId, now: this.clock.now().toISOString(), actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] }, correlationId: commandId, ...extra };
  }
}
