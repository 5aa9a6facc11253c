import { randomBytes } from 'node:crypto';
import { InvalidInput, type PlsError } from '@pls/shared-kernel';
import { EVENT_STORE_ERRORS as CODES } from '../event-store.validation';
import type { CheckpointStore } from '../ports/checkpoint-store.port';

export interface CheckpointStoreHarness {
  readonly store: CheckpointStore;
  /** Close and open again on the same storage; the harness disposes of the new one. */
  readonly reopen?: () => Promise<CheckpointStore>;
  dispose(): Promise<void>;
}

export interface CheckpointStoreFactory {
  create(): Promise<CheckpointStoreHarness>;
}

/** Checkpoint names are random per test so the suite can share one database with others. */
export function describeCheckpointStoreConformance(adapterName: string, factory: CheckpointStoreFactory): void {
  describe(`CheckpointStore conformance: ${adapterName}`, () => {
    let harness: CheckpointStoreHarness;
    let store: CheckpointStore;
    let name: string;

    beforeEach(async () => {
      harness = await factory.create();
      store = harness.store;
      name = `relay.${randomBytes(5).toString('hex')}`;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    it('given no stored checkpoint, when it is loaded, then it is 0 (before the first event)', async () => {
      expect(await store.load(name)).toBe(0);
    });

    it('given a stored position, when it is loaded, then that position comes back', async () => {
      await store.store(name, 42);

      expect(await store.load(name)).toBe(42);
    });

    it('given a stored position, when a later one is stored, then the checkpoint moves forward', async () => {
      await store.store(name, 42);
      await store.store(name, 1_000_000_000_123);

      expect(await store.load(name)).toBe(1_000_000_000_123);
    });

    it('given a stored position, when an older one is stored (a late redelivery), then the checkpoint does not move backwards', async () => {
      await store.store(name, 42);
      await store.store(name, 7);

      expect(await store.load(name)).toBe(42);
    });

    it('given concurrent stores of different positions, when they settle, then the furthest one is kept', async () => {
      await Promise.all([5, 90, 17, 64, 3].map((position) => store.store(name, position)));

      expect(await store.load(name)).toBe(90);
    });

    it('given two checkpoints, when one moves, then the other is unaffected', async () => {
      const other = `${name}.other`;
      await store.store(name, 10);
      await store.store(other, 3);

      await store.store(name, 20);

      expect(await store.load(other)).toBe(3);
      expect(await store.load(name)).toBe(20);
    });

    it('given a stored position, when the checkpoint is reset, then it is 0 and may then start again from an earlier position', async () => {
      await store.store(name, 42);

      await store.reset(name);

      expect(await store.load(name)).toBe(0);
      await store.store(name, 5);
      expect(await store.load(name)).toBe(5);
    });

    it('given a checkpoint never stored, when it is reset, then it is still 0', async () => {
      await store.reset(name);

      expect(await store.load(name)).toBe(0);
    });

    it('given a stored position, when the store is reopened, then the position is still there', async () => {
      if (!harness.reopen) {
        console.warn(`${adapterName}: the factory gives no reopen, so durability across reopen is not checked here`);
        return;
      }
      await store.store(name, 77);

      store = await harness.reopen();

      expect(await store.load(name)).toBe(77);
    });

    it.each([
      ['a negative position', -1],
      ['a fractional position', 1.5],
      ['a position that is not a number', Number.NaN],
    ])('given %s, when stored, then it is refused with MALFORMED_POSITION and the checkpoint is unchanged', async (_what, position) => {
      await store.store(name, 9);

      const error = await store.store(name, position).then(
        () => undefined,
        (refusal: unknown) => refusal,
      );

      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as PlsError).code).toBe(CODES.malformedPosition);
      expect(await store.load(name)).toBe(9);
    });

    it.each([
      ['an empty name', ''],
      ['a blank name', '   '],
    ])('given %s, when a checkpoint is loaded or stored, then it is refused with MALFORMED_CHECKPOINT_NAME', async (_what, badName) => {
      for (const call of [() => store.load(badName), () => store.store(badName, 1), () => store.reset(badName)]) {
        const error = await call().then(
          () => undefined,
          (refusal: unknown) => refusal,
        );
        expect(error).toBeInstanceOf(InvalidInput);
        expect((error as PlsError).code).toBe(CODES.malformedCheckpointName);
      }
    });
  });
}
