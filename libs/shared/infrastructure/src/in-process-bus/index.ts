export * from './in-process-event-bus.adapter';
export { kafkaPartition, murmur2 } from './murmur2';
