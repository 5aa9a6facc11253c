import { randomBytes } from 'node:crypto';
import { isPlsError } from '@pls/shared-kernel';
import type { CheckpointStore } from '../ports/checkpoint-store.port';

/** Names are random per test so that a suite can share one broker or database with other runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Asserts a refusal by its stable code, whether the action throws or rejects. */
export async function expectRefusal(action: () => unknown, code: string): Promise<void> {
  let refusal: unknown;
  try {
    await action();
  } catch (error) {
    refusal = error;
  }
  if (refusal === undefined) throw new Error(`expected a refusal with code ${code}, but the call succeeded`);
  if (!isPlsError(refusal)) throw refusal;
  expect(refusal.code).toBe(code);
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

/** A promise a handler resolves: what suites wait on instead of sleeping. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Checkpoints for one rebuild in a test; the real adapters have their own suite. */
export class TestCheckpointStore implements CheckpointStore {
  readonly positions = new Map<string, number>();
  async load(name: string): Promise<number> {
    return this.positions.get(name) ?? 0;
  }
  async store(name: string, position: number): Promise<void> {
    if (position > (this.positions.get(name) ?? 0)) this.positions.set(name, position);
  }
  async reset(name: string): Promise<void> {
    this.positions.delete(name);
  }
}
