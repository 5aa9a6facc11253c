export interface KafkaHandle {
  /** `host:port` of the broker(s): KAFKA_BROKERS when set, else the local broker. */
  readonly brokers: string[];
  /** True when KAFKA_BROKERS points at a broker this machine does not manage. */
  readonly external: boolean;
  /** Stops the local broker (keeping its data and port); a no-op for an external one. */
  stop(): Promise<void>;
}

/** Reuses the running local broker, or fetches (first time) and starts one; KAFKA_BROKERS wins. */
export function ensureKafka(): Promise<KafkaHandle>;
/** Starts the local broker on its previous port and data dir; resolves once it answers. */
export function startKafka(): Promise<{ brokers: string[] }>;
/** Stops the local broker by its recorded pid; data and port are kept for the next start. */
export function stopKafka(): Promise<void>;
