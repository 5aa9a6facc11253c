import {
  physicalCollectionName,
  type CheckpointStore,
  type EventStore,
  type Projection,
  type ProjectionRunner,
  type ProjectionStats,
  type ReadCollection,
  type ReadDocument,
  type ReadStore,
  type RebuildProgress,
} from '@pls/event-sourcing';

/**
 * PROTOTYPE — not product code. `ProjectionRunner.rebuild` with one change: the new generation is
 * filled with no secondary index and indexed once, when caught up, before the alias swap.
 *
 * Why: nobody queries a generation before the swap, yet the runner keeps its indexes current
 * through every event. A work-queue document is re-keyed in its {orgId, status, dueAt} B-tree on
 * most events (a delete and an insert, each a descent through a tree of every document); building
 * the index at the end costs one insert per document instead. MongoDB gives the same advice for
 * bulk loads. `MemoryReadStore.ensure` already builds a missing index over existing documents when
 * a spec that declares it is opened, so the change is confined to the runner:
 *
 *   const target = await readStore.collection(physical, { name: projection.name, indexes: [] });
 *   … catch up into target …
 *   const indexed = await readStore.collection(physical, projection); // builds the indexes
 *
 * A unique-index violation then fails the rebuild at the end instead of at the offending event;
 * either way the alias is not swapped. Same signature and result as the runner's method.
 */
export async function rebuildWithDeferredIndexes(
  runner: ProjectionRunner,
  setup: { readonly readStore: ReadStore; readonly projection: Projection<ReadDocument> },
  store: EventStore,
  checkpoints: CheckpointStore,
  options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void; generation?: string } = {},
): Promise<{ events: number; physical: string; stats: ProjectionStats }> {
  const { readStore, projection } = setup;
  const generation = options.generation ?? `g${Date.now()}`;
  const physical = physicalCollectionName(projection, generation);
  const loading = await readStore.collection(physical, { name: projection.name, indexes: [] });
  const checkpointName = `rebuild:${physical}`;
  const total = await store.headPosition();
  const stats: ProjectionStats = { applied: 0, skipped: 0, gaps: 0 };
  let after = await checkpoints.load(checkpointName);
  let events = 0;
  const batchSize = options.batchSize ?? 5_000;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (projection.canHandle(event)) await applyTo(projection, loading, event, stats);
    }
    after = batch[batch.length - 1].globalPosition;
    events += batch.length;
    await checkpoints.store(checkpointName, after);
    options.onProgress?.({ projection: projection.name, done: after, total: Math.max(total, after) });
  }
  await readStore.collection(physical, projection);
  const previous = await readStore.resolveAlias(projection.name);
  await readStore.swapAlias(projection.name, physical);
  if (previous && previous !== physical) await readStore.dropCollection(previous);
  // The runner then serves queries from the swapped generation, as after its own rebuild.
  await runner.open();
  return { events, physical, stats };
}

/** As the runner's applyTo; gaps are only counted here, the bench's history has none. */
async function applyTo(projection: Projection<ReadDocument>, collection: ReadCollection<ReadDocument>, event: Parameters<Projection['evolve']>[1], stats: ProjectionStats): Promise<void> {
  const outcome = await collection.applyGuarded(projection.documentId(event), event.streamId, event.streamRevision, (current) => projection.evolve(current, event));
  if (outcome.kind === 'skipped') stats.skipped++;
  else stats.applied++;
  if (outcome.kind === 'gap') stats.gaps++;
}
