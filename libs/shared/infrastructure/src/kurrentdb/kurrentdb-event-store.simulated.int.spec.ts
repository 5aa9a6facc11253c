import { describeEventStoreConformance } from '@pls/event-sourcing/testing';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter';
import { SimulatedKurrentDb } from './simulated-kurrentdb';

// The adapter's own logic through the whole conformance suite, over a stand-in that keeps the
// client's contract (see SimulatedKurrentDb). The real server: ../containers/kurrentdb.int.spec.ts.
describeEventStoreConformance('kurrentdb adapter over a simulated node', {
  async create() {
    const node = new SimulatedKurrentDb();
    let store = KurrentDbEventStore.over(node.client(), { pageSize: 4 });
    return {
      get store() {
        return store;
      },
      reopen: async () => {
        await store.close();
        store = KurrentDbEventStore.over(node.client(), { pageSize: 4 });
        return store;
      },
      dispose: () => store.close(),
    };
  },
});
