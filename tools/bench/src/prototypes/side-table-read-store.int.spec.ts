import { describeProjectionConformance, describeReadStoreConformance } from '@pls/event-sourcing/testing';
import { SideTableReadStore } from './side-table-read-store';

// The prototype is only worth proposing if it keeps the port's contract: the same suites as the adapter.
for (const sharedCopies of [true, false]) {
  const name = `prototype side-table memory store (${sharedCopies ? 'shared' : 'deep'} copies)`;
  describeReadStoreConformance(name, {
    async create() {
      const store = new SideTableReadStore({ sharedCopies });
      return { store, dispose: () => store.close() };
    },
  });
  describeProjectionConformance(name, {
    async create() {
      const store = new SideTableReadStore({ sharedCopies });
      return { store, dispose: () => store.close() };
    },
  });
}
