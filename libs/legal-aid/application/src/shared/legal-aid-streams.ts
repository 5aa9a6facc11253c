import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, CommandHandler, EVENT_STORE, openProjectionCollection, PROJECTION_CATCH_UP, READ_STORE, type CommandMetadata, type EventStore, type ProjectionCatchUp, type ReadCollection, type ReadStore } from '@pls/event-sourcing';
import {
  APPLICATION_CONTEXT,
  cooperationDecider,
  cooperationStreamId,
  dutyLawyerDecider,
  dutyLawyerStreamId,
  regionSettingsDecider,
  regionSettingsStreamId,
  type CooperationCommand,
  type CooperationEvent,
  type CooperationState,
  type DutyLawyerCommand,
  type DutyLawyerEvent,
  type DutyLawyerState,
  type RegionSettingsCommand,
  type RegionSettingsEvent,
  type RegionSettingsState,
} from '@pls/legal-aid-domain';
import { StatutoryCalendar, type Caller, type Clock } from '@pls/shared-kernel';
import { cooperationProjection, type CooperationRequestDocument } from '../read-models/cooperation/cooperation.projection';
import { dutyLawyersProjection, type DutyLawyerDocument } from '../read-models/duty-lawyers/duty-lawyers.projection';
import { regionSettingsProjection, type RegionSettingsDocument } from '../read-models/region-settings/region-settings.projection';
import { LEGAL_AID_OPTIONS, type LegalAidOptions } from './legal-aid.options';

/**
 * Commands to the legal aid streams besides applications: duty lawyers' rosters, cooperation
 * requests and region settings. Each send waits for the views, so the caller reads its own write.
 */
@Injectable()
export class LegalAidStreams {
  private readonly duty: CommandHandler<DutyLawyerCommand, DutyLawyerEvent, DutyLawyerState>;
  private readonly cooperation: CommandHandler<CooperationCommand, CooperationEvent, CooperationState>;
  private readonly settings: CommandHandler<RegionSettingsCommand, RegionSettingsEvent, RegionSettingsState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(PROJECTION_CATCH_UP) private readonly catchUp: ProjectionCatchUp,
    @Inject(LEGAL_AID_OPTIONS) options: LegalAidOptions,
  ) {
    const calendar = new StatutoryCalendar({ beyondData: 'warn' });
    this.duty = new CommandHandler({ context: APPLICATION_CONTEXT, decider: dutyLawyerDecider(), store });
    this.cooperation = new CommandHandler({ context: APPLICATION_CONTEXT, decider: cooperationDecider({ calendar, period: options.cooperationPeriod }), store });
    this.settings = new CommandHandler({ context: APPLICATION_CONTEXT, decider: regionSettingsDecider(), store });
  }

  async sendDuty(lawyerId: string, command: DutyLawyerCommand): Promise<void> {
    await this.duty.handle(dutyLawyerStreamId(lawyerId), command);
    await this.catchUp.whenCaughtUp();
  }

  async sendCooperation(requestId: string, command: CooperationCommand): Promise<void> {
    await this.cooperation.handle(cooperationStreamId(requestId), command);
    await this.catchUp.whenCaughtUp();
  }

  async sendSettings(regionCode: string, command: RegionSettingsCommand): Promise<void> {
    await this.settings.handle(regionSettingsStreamId(regionCode), command);
    await this.catchUp.whenCaughtUp();
  }

  dutyLawyers(): Promise<ReadCollection<DutyLawyerDocument>> {
    return openProjectionCollection<DutyLawyerDocument>(this.readStore, dutyLawyersProjection);
  }

  cooperationRequests(): Promise<ReadCollection<CooperationRequestDocument>> {
    return openProjectionCollection<CooperationRequestDocument>(this.readStore, cooperationProjection);
  }

  regionSettings(): Promise<ReadCollection<RegionSettingsDocument>> {
    return openProjectionCollection<RegionSettingsDocument>(this.readStore, regionSettingsProjection);
  }

  metadata(caller: Caller, commandId: string, extra: Partial<CommandMetadata> = {}): CommandMetadata {
    return { commandId, now: this.clock.now().toISOString(), actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] }, correlationId: commandId, ...extra };
  }
}
