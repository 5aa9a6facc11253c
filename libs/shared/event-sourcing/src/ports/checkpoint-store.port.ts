/** Where a relay or projection remembers how far it got. Stored beside what the position belongs to. */
export interface CheckpointStore {
  load(name: string): Promise<number>;
  /** Never moves backwards: storing an older position than the stored one is ignored. */
  store(name: string, position: number): Promise<void>;
  /** Start over (a rebuild into a fresh collection). */
  reset(name: string): Promise<void>;
}
