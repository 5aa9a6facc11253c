import { loadDistributedConfig } from './distributed-config';

describe('the distributed configuration', () => {
  it('given no variables, then it points at local servers with the default command ports', () => {
    const config = loadDistributedConfig({}, '/srv/pls');
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'pls', namespace: '', partitions: 3 });
    expect(config.mongo).toEqual({ url: 'mongodb://127.0.0.1:27017', database: 'pls' });
    expect(config.services['legal-aid']).toEqual({ host: '127.0.0.1', port: 4103 });
    expect(config.kurrentDbUrl).toBeNull();
    expect(config.commandPort).toBeNull();
  });

  it('given the compose file\'s variables, then each service is reached by name and listens on the shared command port', () => {
    const config = loadDistributedConfig({ PLS_KAFKA_BROKERS: 'kafka:9092', PLS_LEGAL_AID_SERVICE: 'legal-aid-service:4100', PLS_COMMAND_PORT: '4100', PLS_KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false' });
    expect(config.services['legal-aid']).toEqual({ host: 'legal-aid-service', port: 4100 });
    expect(config.commandPort).toBe(4100);
    expect(config.kurrentDbUrl).toBe('kurrentdb://kurrentdb:2113?tls=false');
  });

  it.each([
    ['PLS_KAFKA_BROKERS', 'kafka'],
    ['PLS_KAFKA_PARTITIONS', '0'],
    ['PLS_TOPIC_NAMESPACE', 'a b'],
    ['PLS_MONGO_URL', 'http://mongo'],
    ['PLS_MONGO_DATABASE', 'a.b'],
    ['PLS_KURRENTDB_URL', 'http://kurrentdb:2113'],
    ['PLS_INTAKE_SERVICE', 'intake-service'],
    ['PLS_COMMAND_TIMEOUT_MS', '-1'],
  ])('given %s=%s, then the process refuses to start and names the variable', (name, value) => {
    expect(() => loadDistributedConfig({ [name]: value })).toThrow(name);
  });

  it('given production without a long internal token, then it refuses to start', () => {
    expect(() => loadDistributedConfig({ NODE_ENV: 'production', PLS_JWT_PUBLIC_KEY: 'pem', PLS_INTERNAL_TOKEN: 'short' })).toThrow('PLS_INTERNAL_TOKEN');
  });

  it('given production with a test clock file, then it refuses to start', () => {
    expect(() => loadDistributedConfig({ NODE_ENV: 'production', PLS_JWT_PUBLIC_KEY: 'pem', PLS_INTERNAL_TOKEN: 'x'.repeat(32), PLS_TEST_CLOCK_FILE: '/tmp/clock' })).toThrow('PLS_TEST_CLOCK_FILE');
  });
});
