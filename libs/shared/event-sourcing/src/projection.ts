import type { RecordedEvent } from './envelope';
import type { IndexSpec, ReadCollection, ReadDocument, ReadStore } from './ports/read-store.port';

/**
 * A read model as a pure fold. `canHandle` selects the streams this view follows — whole streams,
 * so that the runner sees every revision and a missing one is a real gap; `evolve` ignores the
 * event types it does not care about by returning the document unchanged.
 */
export interface Projection<D extends ReadDocument = ReadDocument> {
  /** Logical collection name, e.g. `intake.matters`. */
  readonly name: string;
  /** Bump when `evolve` or the document shape changes: a rebuild fills `<name>.v<version>` and swaps. */
  readonly version: number;
  readonly indexes: readonly IndexSpec[];
  canHandle(event: RecordedEvent): boolean;
  /** The document this event belongs to. */
  documentId(event: RecordedEvent): string;
  evolve(document: D | null, event: RecordedEvent): D | null;
}

export function physicalCollectionName(projection: Pick<Projection, 'name' | 'version'>, generation?: string): string {
  return generation ? `${projection.name}.v${projection.version}.${generation}` : `${projection.name}.v${projection.version}`;
}

/** The collection a projection currently serves from (after any rebuild swap), for queries. */
export async function openProjectionCollection<D extends ReadDocument>(readStore: ReadStore, projection: Projection<D>): Promise<ReadCollection<D>> {
  const aliased = await readStore.resolveAlias(projection.name);
  const current = physicalCollectionName(projection);
  return readStore.collection<D>(aliased && (aliased === current || aliased.startsWith(`${current}.`)) ? aliased : current, projection);
}
