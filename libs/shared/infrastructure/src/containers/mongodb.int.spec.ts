import { randomBytes } from 'node:crypto';
import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { describeCheckpointStoreConformance, describeProjectionConformance, describeReadStoreConformance } from '@pls/event-sourcing/testing';
import { MongoCheckpointStore, MongoReadStore } from '../mongo';
import { describeWithContainers } from './container-runtime';

// Real MongoDB (a one-member replica set, as the module starts it), where the in-repo int suite
// runs on FerretDB. PLS_MONGODB_IMAGE picks another.
const IMAGE = process.env['PLS_MONGODB_IMAGE'] ?? 'mongo:7.0';

describeWithContainers('MongoDB read store conformance (testcontainers)')(`MongoReadStore on ${IMAGE}`, () => {
  let container: StartedMongoDBContainer;
  let uri: string;
  const database = `pls_containers_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    container = await new MongoDBContainer(IMAGE).start();
    // The replica set names its member by the container's hostname, which the host cannot resolve.
    uri = `${container.getConnectionString()}/?directConnection=true`;
  }, 10 * 60_000);

  afterAll(async () => {
    await container?.stop();
  });

  /** One collection prefix per store: tests share the database, never a collection. */
  const connect = (prefix = `t${randomBytes(4).toString('hex')}.`): Promise<MongoReadStore> => MongoReadStore.connect({ uri, database, prefix });

  describeReadStoreConformance('mongodb', {
    async create() {
      const store = await connect();
      return { store, dispose: () => store.close() };
    },
  });

  describeProjectionConformance('mongodb', {
    async create() {
      const store = await connect();
      return { store, dispose: () => store.close() };
    },
  });

  describeCheckpointStoreConformance('mongodb', {
    async create() {
      const prefix = `t${randomBytes(4).toString('hex')}.`;
      let current = await connect(prefix);
      return {
        store: new MongoCheckpointStore(current),
        reopen: async () => {
          await current.close();
          current = await connect(prefix);
          return new MongoCheckpointStore(current);
        },
        dispose: () => current.close(),
      };
    },
  });
});
