import { deterministicId, InvalidInput } from '@pls/shared-kernel';
import type { Actor } from './decider';

export interface EventMetadata {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly regionCode?: string;
  readonly caseCode?: string;
}

/** An event ready to append: everything but the positions the store assigns. */
export interface EventToAppend<Data = unknown> {
  readonly eventId: string;
  /** Stable, context-qualified type: `legal-aid.ApplicationGranted`. */
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** An event as the store recorded it. */
export interface RecordedEvent<Data = unknown> extends EventToAppend<Data> {
  readonly streamId: string;
  /** 0-based position within its stream. */
  readonly streamRevision: number;
  /** 1-based position in the store's total order (`$all`); 0 means "before the first event". */
  readonly globalPosition: number;
}

/**
 * The event as plain data, every field read by name. A replayed event
 * (`EventStore.readAllForReplay`) keeps its metadata behind a prototype getter, which a spread or
 * `structuredClone` would drop: copy an event through this to keep it whole.
 */
export function plainRecordedEvent<Data>(event: RecordedEvent<Data>): RecordedEvent<Data> {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    data: event.data,
    metadata: event.metadata,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition: event.globalPosition,
  };
}

const CONTEXT = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// No dashes in a category: the first dash after the dot is where the entity id starts.
const CATEGORY = /^[a-z][a-z0-9]*$/;
const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export interface StreamName {
  readonly context: string;
  readonly category: string;
  readonly id: string;
}

/** `legal-aid.application-<id>`: the context, the aggregate category and the entity id. */
export function streamName(context: string, category: string, id: string): string {
  if (!CONTEXT.test(context)) throw new InvalidInput('MALFORMED_STREAM_NAME', `bad context name ${JSON.stringify(context)}`);
  if (!CATEGORY.test(category)) throw new InvalidInput('MALFORMED_STREAM_NAME', `bad category name ${JSON.stringify(category)}`);
  if (!ENTITY_ID.test(id)) throw new InvalidInput('MALFORMED_STREAM_NAME', `bad entity id ${JSON.stringify(id)}`);
  return `${context}.${category}-${id}`;
}

export function parseStreamName(streamId: string): StreamName {
  const dot = streamId.indexOf('.');
  const dash = streamId.indexOf('-', dot + 1);
  if (dot <= 0 || dash <= dot + 1) {
    throw new InvalidInput('MALFORMED_STREAM_NAME', `not a stream name of the form <context>.<category>-<id>: ${JSON.stringify(streamId)}`);
  }
  const name = { context: streamId.slice(0, dot), category: streamId.slice(dot + 1, dash), id: streamId.slice(dash + 1) };
  streamName(name.context, name.category, name.id);
  return name;
}

/** The prefix shared by every stream of a category, for `$all` filters and topic routing. */
export function categoryPrefix(context: string, category: string): string {
  return `${context}.${category}-`;
}

export function qualifiedType(context: string, shortType: string): string {
  if (!CONTEXT.test(context) || !/^[A-Z][A-Za-z0-9]*$/.test(shortType)) {
    throw new InvalidInput('MALFORMED_EVENT_TYPE', `event types are <context>.<PastTenseName>, got ${JSON.stringify(`${context}.${shortType}`)}`);
  }
  return `${context}.${shortType}`;
}

export function shortType(type: string): string {
  const dot = type.lastIndexOf('.');
  if (dot <= 0 || dot === type.length - 1) throw new InvalidInput('MALFORMED_EVENT_TYPE', `not a qualified event type: ${JSON.stringify(type)}`);
  return type.slice(dot + 1);
}

/** Event ids are a function of the command that produced them, so a retried command dedupes in the store. */
export function eventIdFor(commandId: string, index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new InvalidInput('NEGATIVE_INDEX', `event index must be a non-negative integer, got ${index}`);
  return deterministicId('event', commandId, index);
}
