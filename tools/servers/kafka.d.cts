export interface KafkaInstanceOptions {
  /** A separate local broker (own data dir, state, lock) beside the shared one, e.g. for a test that stops it. */
  readonly instance?: string;
  /** Its port when first started; the controller listens on port + 1. */
  readonly port?: number;
}

export interface KafkaHandle {
  /** `host:port` of the broker(s): KAFKA_BROKERS when set, else the local broker. */
  readonly brokers: string[];
  /** True when KAFKA_BROKERS points at a broker this machine does not manage. */
  readonly external: boolean;
  /** Stops the local broker (keeping its data and port); a no-op for an external one. */
  stop(): Promise<void>;
}

/** Reuses the running local broker, or fetches (first time) and starts one; KAFKA_BROKERS wins unless an instance is named. */
export function ensureKafka(options?: KafkaInstanceOptions): Promise<KafkaHandle>;
/** Starts the local broker on its previous port and data dir; resolves once it answers. */
export function startKafka(options?: KafkaInstanceOptions): Promise<{ brokers: string[] }>;
/** Stops the local broker by its recorded pid; data and port are kept for the next start. */
export function stopKafka(options?: KafkaInstanceOptions): Promise<void>;
/** Drops the lease of a test run; stops a test-started broker nobody else holds. */
export function releaseKafka(lease?: number, options?: KafkaInstanceOptions): Promise<void>;
