import { assertValidCheckpointName, assertValidCheckpointPosition, type CheckpointStore } from '@pls/event-sourcing';
import mongoose from 'mongoose';
import { DEFAULT_CHECKPOINT_COLLECTION, type MongoReadStore } from './mongo-read-store.adapter';

interface CheckpointDocument {
  _id: string;
  position: number;
}

const DUPLICATE_KEY = 11000;

/**
 * Checkpoints in the same database (and under the same prefix) as the read models they belong to,
 * so a projector's position and its documents live and die together. One document per name;
 * `$max` makes the server keep the furthest position, so a late or concurrent store never moves
 * a checkpoint backwards. FerretDB 1.24 applies `$max` as read, compute, write by `_id`, not
 * atomically, so stores of one name are also queued within this process (a checkpoint has one
 * writer: its relay or projector).
 */
export class MongoCheckpointStore implements CheckpointStore {
  private readonly collection: mongoose.mongo.Collection<CheckpointDocument>;
  private readonly readStore: MongoReadStore;

  constructor(readStore: MongoReadStore, collectionName: string = DEFAULT_CHECKPOINT_COLLECTION) {
    this.collection = readStore.raw(collectionName) as unknown as mongoose.mongo.Collection<CheckpointDocument>;
    this.readStore = readStore;
  }

  async load(name: string): Promise<number> {
    assertValidCheckpointName(name);
    const checkpoint = await this.collection.findOne({ _id: name });
    return checkpoint?.position ?? 0;
  }

  async store(name: string, position: number): Promise<void> {
    assertValidCheckpointName(name);
    assertValidCheckpointPosition(position);
    await this.readStore.serialize(`checkpoint:${this.collection.collectionName}:${name}`, async () => {
      try {
        await this.collection.updateOne({ _id: name }, { $max: { position } }, { upsert: true });
      } catch (error) {
        // Two first stores of one name from two processes both try to insert; the loser's retry finds the document and updates it.
        if (!(error instanceof mongoose.mongo.MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
        await this.collection.updateOne({ _id: name }, { $max: { position } }, { upsert: true });
      }
    });
  }

  async reset(name: string): Promise<void> {
    assertValidCheckpointName(name);
    await this.collection.deleteOne({ _id: name });
  }
}
