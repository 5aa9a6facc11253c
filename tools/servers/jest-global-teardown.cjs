// Jest globalTeardown: the test run's Kafka lease is dropped, and the broker stops if this run's
// tests started it and no other live test run still holds a lease. A broker started by hand
// (`node tools/servers/kafka.mjs start`) or given by KAFKA_BROKERS is left alone.
const { releaseKafka } = require('./kafka.cjs');

module.exports = async function releaseKafkaAfterTests() {
  await releaseKafka(process.pid);
};
