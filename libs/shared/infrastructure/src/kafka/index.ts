export { KafkaAdmin, kafkaClient, kafkaLogCreator, type CommittedOffsets, type KafkaConnectionOptions, type TopicEndOffsets } from './kafka-admin';
export { KafkaEventBus, type DeliveryObservation, type KafkaConsumerTuning, type KafkaEventBusOptions } from './kafka-event-bus.adapter';
