import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, CommandHandler, EVENT_STORE, openProjectionCollection, PROJECTION_CATCH_UP, whenOwnEventsHandled, READ_STORE, type CommandMetadata, type EventStore, type Filter, type ProjectionCatchUp, type ReadStore } from '@pls/event-sourcing';
import { MEDIATION_CONTEXT, mediationDecider, mediationStreamId, type MediationCommand, type MediationDecider, type MediationEvent, type MediationState } from '@pls/mediation-domain';
import { NotFound, StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';
import { mediationCasesProjection } from '../read-models/mediation-cases.projection';
import { MEDIATION_OPTIONS, type MediationOptions } from './mediation.options';

/**
 * The one way mediation commands reach a case stream: the decider with the configured time limit
 * on the statutory calendar, the kernel's command handler, and a wait for the view so the caller
 * reads its own write.
 */
@Injectable()
export class MediationCommands {
  readonly decider: MediationDecider;
  private readonly handler: CommandHandler<MediationCommand, MediationEvent, MediationState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(PROJECTION_CATCH_UP) private readonly catchUp: ProjectionCatchUp,
    @Inject(MEDIATION_OPTIONS) options: MediationOptions,
  ) {
    // Beyond the holiday data deadlines are still computed (weekends only) with a visible warning,
    // rather than refusing the committee's work (DOMAIN.md §7).
    this.decider = mediationDecider({ calendar: new StatutoryCalendar({ beyondData: 'warn' }), deadlines: options.deadlines });
    this.handler = new CommandHandler({ context: MEDIATION_CONTEXT, decider: this.decider, store });
  }

  async send(caseId: string, command: MediationCommand): Promise<void> {
    await this.handler.handle(mediationStreamId(caseId), command);
  }

  async sendAndRead(caseId: string, command: MediationCommand): Promise<MediationCaseDocument> {
    const { events } = await this.handler.handle(mediationStreamId(caseId), command);
    await whenOwnEventsHandled(this.catchUp, events);
    return this.requireById(caseId);
  }

  async streamHasEvents(caseId: string): Promise<boolean> {
    return (await this.store.readStream(mediationStreamId(caseId), { maxCount: 1 })).length > 0;
  }

  async nextSerial(): Promise<number> {
    return (await this.store.headPosition()) + 1;
  }

  async requireById(caseId: string): Promise<MediationCaseDocument> {
    const found = await (await openProjectionCollection<MediationCaseDocument>(this.readStore, mediationCasesProjection)).get(caseId);
    if (!found) throw new NotFound('MEDIATION_NOT_FOUND', `no mediation case ${caseId}`);
    return found;
  }

  async find(filter: Filter): Promise<MediationCaseDocument[]> {
    return (await openProjectionCollection<MediationCaseDocument>(this.readStore, mediationCasesProjection)).find(filter);
  }

  async readAfterCatchUp(caseId: string): Promise<MediationCaseDocument> {
    await this.catchUp.whenCaughtUp();
    return this.requireById(caseId);
  }

  metadata(caller: Caller, commandId: string, extra: Partial<CommandMetadata> = {}): CommandMetadata {
    return { commandId, now: this.clock.now().toISOString(), actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] }, correlationId: commandId, ...extra };
  }
}
