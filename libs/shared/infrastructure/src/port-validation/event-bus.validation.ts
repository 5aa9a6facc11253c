import { InvalidInput } from '@pls/shared-kernel';
import type { ConsumerOptions, OutgoingMessage } from '@pls/event-sourcing';

// Input checks every EventBus adapter shares, so that the in-process bus refuses exactly what Kafka
// would refuse (or silently mangle), with the same codes.

/** Kafka's legal topic names: a bus that accepts more in memory would fail only in production. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function assertTopic(topic: unknown): string {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new InvalidInput('TOPIC_NAME_INVALID', `topic names are 1–249 characters of [A-Za-z0-9._-], got ${JSON.stringify(topic)}`);
  }
  return topic;
}

export function assertOutgoingMessages(messages: unknown): readonly OutgoingMessage[] {
  if (!Array.isArray(messages)) throw new InvalidInput('MESSAGES_INVALID', 'publish takes an array of messages');
  messages.forEach((message: unknown, index) => {
    if (typeof message !== 'object' || message === null) throw new InvalidInput('MESSAGES_INVALID', `message ${index} is not an object`);
    const { key, value, headers } = message as Record<string, unknown>;
    if (typeof key !== 'string') throw new InvalidInput('MESSAGE_KEY_INVALID', `message ${index}: the key must be a string, got ${typeof key}`);
    assertHeaders(headers, index);
    assertJsonValue(value, `message ${index} value`);
  });
  return messages as readonly OutgoingMessage[];
}

function assertHeaders(headers: unknown, index: number): void {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new InvalidInput('MESSAGE_HEADERS_INVALID', `message ${index}: headers must be a record of strings`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.length === 0 || typeof value !== 'string') {
      throw new InvalidInput('MESSAGE_HEADERS_INVALID', `message ${index}: header ${JSON.stringify(name)} must have a non-empty name and a string value`);
    }
  }
}

/**
 * Values travel as JSON on a real broker. Anything JSON would drop or distort (functions, Maps,
 * class instances, NaN, cycles) is refused here rather than arriving changed on the other side.
 * Dates and `undefined` properties are accepted because JSON maps them predictably.
 */
export function assertJsonValue(value: unknown, what: string): void {
  if (value === undefined) throw new InvalidInput('MESSAGE_VALUE_INVALID', `${what} is undefined`);
  const ancestors: object[] = [];
  const visit = (current: unknown, path: string): void => {
    switch (typeof current) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return;
      case 'number':
        if (!Number.isFinite(current)) throw new InvalidInput('MESSAGE_VALUE_INVALID', `${what}: ${path} is ${current}, which JSON cannot carry`);
        return;
      case 'object': {
        if (current === null || current instanceof Date) return;
        if (ancestors.includes(current)) throw new InvalidInput('MESSAGE_VALUE_INVALID', `${what}: ${path} is circular`);
        const prototype = Object.getPrototypeOf(current) as unknown;
        if (!Array.isArray(current) && prototype !== Object.prototype && prototype !== null) {
          throw new InvalidInput('MESSAGE_VALUE_INVALID', `${what}: ${path} is a ${current.constructor?.name ?? 'non-plain object'}, not plain JSON`);
        }
        ancestors.push(current);
        if (Array.isArray(current)) current.forEach((item, index) => visit(item, `${path}[${index}]`));
        else for (const [key, item] of Object.entries(current)) visit(item, `${path}.${key}`);
        ancestors.pop();
        return;
      }
      default:
        throw new InvalidInput('MESSAGE_VALUE_INVALID', `${what}: ${path} is a ${typeof current}, which JSON cannot carry`);
    }
  };
  visit(value, '$');
}

export interface ResolvedConsumerOptions extends Required<Omit<ConsumerOptions, 'topics'>> {
  readonly topics: readonly string[];
}

export const CONSUMER_DEFAULTS = { maxAttempts: 5, retryBackoffMs: 100, fromBeginning: true } as const;

export function resolveConsumerOptions(options: ConsumerOptions, defaultDeadLetterTopic: (topic: string) => string): ResolvedConsumerOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidInput('CONSUMER_OPTIONS_INVALID', 'subscribe takes an options object');
  if (typeof options.groupId !== 'string' || options.groupId.trim().length === 0) {
    throw new InvalidInput('GROUP_ID_INVALID', `a consumer needs a non-empty group id, got ${JSON.stringify(options.groupId)}`);
  }
  if (!Array.isArray(options.topics) || options.topics.length === 0) throw new InvalidInput('TOPICS_INVALID', 'a consumer subscribes to at least one topic');
  const topics = [...new Set(options.topics.map(assertTopic))];
  if (typeof options.handler !== 'function') throw new InvalidInput('HANDLER_INVALID', 'a consumer needs a handler function');
  const maxAttempts = options.maxAttempts ?? CONSUMER_DEFAULTS.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new InvalidInput('MAX_ATTEMPTS_INVALID', `maxAttempts is a positive integer (1 = park on the first failure), got ${maxAttempts}`);
  }
  const retryBackoffMs = options.retryBackoffMs ?? CONSUMER_DEFAULTS.retryBackoffMs;
  if (typeof retryBackoffMs !== 'number' || !Number.isFinite(retryBackoffMs) || retryBackoffMs < 0) {
    throw new InvalidInput('RETRY_BACKOFF_INVALID', `retryBackoffMs is a non-negative number of milliseconds, got ${retryBackoffMs}`);
  }
  const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
  for (const topic of topics) {
    const parked = deadLetterTopic(topic);
    assertTopic(parked);
    if (parked === topic) throw new InvalidInput('TOPIC_NAME_INVALID', `the dead-letter topic of ${topic} cannot be the topic itself`);
  }
  return {
    groupId: options.groupId,
    topics,
    handler: options.handler,
    maxAttempts,
    retryBackoffMs,
    deadLetterTopic,
    fromBeginning: options.fromBeginning ?? CONSUMER_DEFAULTS.fromBeginning,
  };
}

/** Doubling from the first delay, capped so a long-failing message is still retried twice a minute. */
export function retryDelay(firstDelayMs: number, failedAttempt: number): number {
  return Math.min(30_000, firstDelayMs * 2 ** (failedAttempt - 1));
}

/** What goes into `x-dead-letter-error`: enough to diagnose, bounded so a huge stack cannot bloat the log. */
export function describeFailure(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}${'code' in error && typeof error.code === 'string' ? ` ${error.code}` : ''}: ${error.message}` : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
