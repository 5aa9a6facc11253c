import { assertValidCheckpointName, assertValidCheckpointPosition, type CheckpointStore } from '@pls/event-sourcing';

/**
 * Checkpoints that live exactly as long as the process. The embedded relay uses it on purpose: its
 * bus is in memory too, so after a restart the relay must republish from the start of the store
 * (consumers are idempotent) rather than trust a durable checkpoint for messages the bus lost.
 */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, number>();

  async load(name: string): Promise<number> {
    return this.positions.get(checkName(name)) ?? 0;
  }

  async store(name: string, position: number): Promise<void> {
    assertValidCheckpointPosition(position);
    const key = checkName(name);
    if (position > (this.positions.get(key) ?? 0)) this.positions.set(key, position);
  }

  async reset(name: string): Promise<void> {
    this.positions.delete(checkName(name));
  }
}

function checkName(name: string): string {
  assertValidCheckpointName(name);
  return name;
}
