import { describeCheckpointStoreConformance } from '@pls/event-sourcing/testing';
import { MemoryCheckpointStore } from './memory-checkpoint-store.adapter';

describeCheckpointStoreConformance('MemoryCheckpointStore', {
  async create() {
    return { store: new MemoryCheckpointStore(), dispose: async () => undefined };
  },
});
