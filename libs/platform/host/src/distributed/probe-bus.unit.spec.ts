import type { EventBus } from '@pls/event-sourcing';
import { probeBus } from './distributed-adapters';

const bus = (overrides: Partial<EventBus>): EventBus => ({
  publish: async () => undefined,
  subscribe: async () => {
    throw new Error('not used');
  },
  close: async () => undefined,
  ...overrides,
});

describe('readiness of the bus', () => {
  it('given a broker that answers and every consumer running, when probed, then the bus is ready', async () => {
    await expect(probeBus(bus({ whenGroupCaughtUp: async () => undefined, stalledConsumers: () => [] }))).resolves.toBe('kafka answering');
  });

  it('given a consumer waiting for its restart after a crash, when probed, then the bus is not ready and the group and its crash are named', async () => {
    const probed = probeBus(bus({ whenGroupCaughtUp: async () => undefined, stalledConsumers: () => [{ groupId: 'pls.projector', reason: 'KafkaJSNonRetriableError: Failed to find group coordinator' }] }));

    await expect(probed).rejects.toThrow('consumer pls.projector crashed (KafkaJSNonRetriableError: Failed to find group coordinator), restarting');
  });

  it('given a broker that does not answer, when probed, then the bus is not ready', async () => {
    await expect(probeBus(bus({ whenGroupCaughtUp: async () => Promise.reject(new Error('Connection error: connect ECONNREFUSED')), stalledConsumers: () => [] }))).rejects.toThrow('ECONNREFUSED');
  });

  it('given a bus that cannot observe consumer groups, when probed, then it says it cannot be probed', async () => {
    await expect(probeBus(bus({}))).rejects.toThrow('the bus cannot be probed');
  });
});
