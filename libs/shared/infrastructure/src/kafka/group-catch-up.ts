import { partitionKey, type KafkaAdmin } from './kafka-admin';

/**
 * Resolves once `groupId` — a consumer group that may live in another process — has committed past
 * everything that was in `topics` when called. Offsets are committed only after a handler succeeded
 * (or parked the message), so this is "handled", not "fetched". A topic not yet created has nothing
 * to wait for. The group's offsets live on the broker, so this asks again after a short, growing
 * pause: there is no notification to wait on from outside the group.
 */
export async function whenKafkaGroupCaughtUp(admin: KafkaAdmin, groupId: string, topics: readonly string[]): Promise<void> {
  const ends = await admin.topicEndOffsets(topics);
  const wanted = [...ends].flatMap(([topic, partitions]) => partitions.map((end, partition) => ({ key: partitionKey(topic, partition), end })).filter(({ end }) => end > 0));
  if (wanted.length === 0) return;
  let pauseMs = 2;
  for (;;) {
    const committed = await admin.committedOffsets(groupId, [...ends.keys()]);
    if (wanted.every(({ key, end }) => (committed.get(key) ?? 0) >= end)) return;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(50, pauseMs * 2);
  }
}
