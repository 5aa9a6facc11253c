import { describeEventStoreConformance } from './event-store.conformance';
import { MemoryEventStore } from './memory-event-store';

// The unit-test double must mean what the real stores mean: it passes their conformance suite.
describeEventStoreConformance('MemoryEventStore', {
  appendsToSeveralStreams: false,
  readsForReplay: false,
  async create() {
    const store = new MemoryEventStore();
    return { store, dispose: () => store.close() };
  },
});
