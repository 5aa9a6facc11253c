import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { describeEventStoreConformance } from '@pls/event-sourcing/testing';
import { KurrentDbEventStore } from '../kurrentdb';
import { describeWithContainers } from './container-runtime';

// The official image on Docker Hub; PLS_KURRENTDB_IMAGE picks another (an arm64 tag, a mirror, or
// the last EventStoreDB release, whose client protocol is the same).
const IMAGE = process.env['PLS_KURRENTDB_IMAGE'] ?? 'kurrentplatform/kurrentdb:25.1';
const HTTP_AND_GRPC = 2113;

/** EventStoreDB images read the same settings under the EVENTSTORE_ prefix. */
function nodeSettings(prefix: 'KURRENTDB' | 'EVENTSTORE'): Record<string, string> {
  const settings = { INSECURE: 'true', MEM_DB: 'true', RUN_PROJECTIONS: 'None', CLUSTER_SIZE: '1', TELEMETRY_OPTOUT: 'true' };
  return Object.fromEntries(Object.entries(settings).map(([name, value]) => [`${prefix}_${name}`, value]));
}

describeWithContainers('KurrentDB event store conformance (testcontainers)')(`KurrentDbEventStore on ${IMAGE}`, () => {
  let container: StartedTestContainer;
  let connectionString: string;

  beforeAll(async () => {
    // One insecure, in-memory node without projections: the adapter needs streams and $all only.
    container = await new GenericContainer(IMAGE)
      .withEnvironment(nodeSettings(IMAGE.includes('eventstore') ? 'EVENTSTORE' : 'KURRENTDB'))
      .withExposedPorts(HTTP_AND_GRPC)
      .withWaitStrategy(Wait.forHttp('/health/live', HTTP_AND_GRPC).forStatusCodeMatching((status) => status >= 200 && status < 300))
      .withStartupTimeout(180_000)
      .start();
    connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(HTTP_AND_GRPC)}?tls=false`;
  }, 10 * 60_000);

  afterAll(async () => {
    await container?.stop();
  });

  describeEventStoreConformance('kurrentdb', {
    appendsToSeveralStreams: false,
    readsForReplay: false,
    async create() {
      let store = KurrentDbEventStore.connect({ connectionString });
      return {
        get store() {
          return store;
        },
        // A new connection to the same node: what a restarted service sees.
        reopen: async () => {
          await store.close();
          store = KurrentDbEventStore.connect({ connectionString });
          return store;
        },
        dispose: () => store.close(),
      };
    },
  });
});
