import { InvalidInput, isUuid, newId, type Clock } from '@pls/shared-kernel';
import type { CommandMetadata } from '@pls/event-sourcing';
import type { Caller } from './auth/caller';

/**
 * Metadata for a command sent on behalf of a caller. A client that may retry (a flaky network,
 * a double click) sends its own `commandId`: the second attempt then returns the first result
 * instead of acting twice.
 */
export function commandMetadata(caller: Caller, clock: Clock, commandId?: string | null, extra: { regionCode?: string; caseCode?: string } = {}): CommandMetadata {
  const id = commandIdFrom(commandId);
  return {
    commandId: id,
    now: clock.now().toISOString(),
    actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] },
    correlationId: id,
    ...extra,
  };
}

/** The client's idempotency key when it sent one (validated), else a fresh id. */
export function commandIdFrom(commandId?: string | null): string {
  if (commandId === undefined || commandId === null) return newId();
  if (!isUuid(commandId)) throw new InvalidInput('COMMAND_ID_INVALID', 'commandId must be a lower-case UUID (generate one per intent and reuse it on retry)');
  return commandId;
}
