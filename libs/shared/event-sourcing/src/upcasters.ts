import { InvalidInput } from '@pls/shared-kernel';
import type { RecordedEvent } from './envelope';

export type Upcaster = (data: unknown) => unknown;

/**
 * Events are never rewritten; an event stored under an old schema is mapped forward when read.
 * Register one step per version (1→2, 2→3…); reading applies the chain up to the current version.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();
  private readonly current = new Map<string, number>();

  register(type: string, fromVersion: number, upcast: Upcaster): this {
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new InvalidInput('BAD_SCHEMA_VERSION', `schema versions start at 1, got ${fromVersion} for ${type}`);
    }
    const byVersion = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (byVersion.has(fromVersion)) throw new InvalidInput('DUPLICATE_UPCASTER', `an upcaster for ${type} v${fromVersion} is already registered`);
    byVersion.set(fromVersion, upcast);
    this.steps.set(type, byVersion);
    this.current.set(type, Math.max(this.current.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast<T extends RecordedEvent>(event: T): T {
    const target = this.currentVersion(event.type);
    if (event.schemaVersion > target) {
      throw new InvalidInput('UNKNOWN_SCHEMA_VERSION', `${event.type} v${event.schemaVersion} is newer than this code knows (v${target}); deploy the newer reader first`);
    }
    if (event.schemaVersion === target) return event;
    let data = event.data;
    for (let version = event.schemaVersion; version < target; version++) {
      const step = this.steps.get(event.type)?.get(version);
      if (!step) throw new InvalidInput('MISSING_UPCASTER', `no upcaster for ${event.type} from v${version}`);
      data = step(data);
    }
    // The spread keeps a subtype's own fields; metadata is named because a replayed event keeps it on its prototype (see plainRecordedEvent).
    return { ...event, metadata: event.metadata, data, schemaVersion: target };
  }
}
