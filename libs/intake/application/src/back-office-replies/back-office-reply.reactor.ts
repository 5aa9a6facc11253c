import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger, type Reactor, type RecordedEvent } from '@pls/event-sourcing';
import { BACK_OFFICE_TOPICS, frontDeskReplyOf, type FrontDeskReply } from '@pls/intake-contracts';
import type { MatterCommand } from '@pls/intake-domain';
import { deterministicId, DomainRuleViolation, InvalidInput, NotFound } from '@pls/shared-kernel';
import { MatterCommands } from '../shared/matter-commands';

/**
 * Turns the back offices' replies (a `frontDeskReply` section in their events) into the matter's
 * own commands, so acceptance, returns, progress and results show on the one timeline. The command
 * id derives from the causing event id: a redelivered event finds its command already handled.
 * A reply the matter refuses (wrong organisation, already answered differently) is logged and
 * dropped — retrying a refusal cannot change it; any other failure is retried by the bus and, in
 * the end, parked in the dead-letter topic.
 */
@Injectable()
export class BackOfficeReplyReactor implements Reactor {
  readonly name = 'intake.back-office-replies';
  readonly topics = BACK_OFFICE_TOPICS;

  constructor(
    private readonly matters: MatterCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const reply = frontDeskReplyOf(event.data);
    if (!reply) return;
    const commandId = deterministicId('intake.front-desk-reply', event.eventId);
    const metadata = {
      commandId,
      now: this.matters.clock.now().toISOString(),
      // Replies act for the replying office; the domain checks it is the office the matter went to.
      actor: { userId: `system:${this.name}`, orgId: reply.orgId, roles: [] },
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
    };
    try {
      await this.matters.send(reply.matterId, { ...toCommand(reply), metadata } as MatterCommand);
    } catch (error) {
      if (error instanceof DomainRuleViolation || error instanceof NotFound || error instanceof InvalidInput) {
        this.logger.warn('back-office reply refused by the matter', { eventId: event.eventId, eventType: event.type, matterId: reply.matterId, kind: reply.kind, code: error.code, reason: error.message });
        return;
      }
      throw error;
    }
  }
}

function toCommand(reply: FrontDeskReply): Omit<MatterCommand, 'metadata'> {
  switch (reply.kind) {
    case 'accepted':
      return { type: 'RecordBackOfficeAcceptance', data: { line: reply.line, orgId: reply.orgId, backOfficeCaseNo: reply.backOfficeCaseNo, acceptedAt: reply.at } };
    case 'returned':
      return { type: 'RecordBackOfficeReturn', data: { line: reply.line, orgId: reply.orgId, reason: reply.reason, returnedAt: reply.at } };
    case 'progress':
      return { type: 'RecordBackOfficeProgress', data: { line: reply.line, orgId: reply.orgId, note: reply.note, at: reply.at } };
    case 'result':
      return { type: 'RecordResult', data: { line: reply.line, orgId: reply.orgId, outcome: reply.outcome, summary: reply.summary, at: reply.at } };
    default: {
      const unknown: never = reply;
      throw new InvalidInput('FRONT_DESK_REPLY_UNKNOWN', `unknown front-desk reply ${JSON.stringify(unknown)}`);
    }
  }
}
