import { describeEventBusConformance } from '@pls/event-sourcing/testing';
import { InProcessEventBus } from '../in-process-bus';
import { NamespacedEventBus } from './namespaced-event-bus';

describeEventBusConformance('namespaced (over in-process)', {
  async create() {
    const bus = new NamespacedEventBus(new InProcessEventBus(), 'staging');
    return { bus, dispose: () => bus.close() };
  },
});

describe('NamespacedEventBus', () => {
  it('given two namespaces on one bus, when each publishes to pls.intake, then each consumer sees only its own namespace', async () => {
    const shared = new InProcessEventBus();
    const staging = new NamespacedEventBus(shared, 'staging');
    const production = new NamespacedEventBus(shared, 'production');
    const seen: string[] = [];
    const consumer = await staging.subscribe({ groupId: 'projector', topics: ['pls.intake'], handler: async (message) => { seen.push(`${message.topic}:${String(message.value)}`); } });
    await production.publish('pls.intake', [{ key: 'a', value: 'production' }]);
    await staging.publish('pls.intake', [{ key: 'a', value: 'staging' }]);
    await consumer.whenCaughtUp();
    expect(seen).toEqual(['pls.intake:staging']);
    await consumer.stop();
    await shared.close();
  });
});
