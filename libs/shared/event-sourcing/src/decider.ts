/**
 * The acting person behind a command or event. Carried in metadata, never read from ambient state,
 * so that a decision is a function of its inputs only.
 */
export interface Actor {
  readonly userId: string;
  readonly orgId: string;
  readonly roles: readonly string[];
}

/**
 * What the outside world tells a decider besides the command's own data: the command's identity,
 * the time it is decided at and who asks. The domain never reads a clock or generates ids.
 */
export interface CommandMetadata {
  /** Unique per intent. Re-sending the same command id is a no-op that returns the first result. */
  readonly commandId: string;
  /** ISO-8601 instant the command is decided at. */
  readonly now: string;
  readonly actor: Actor;
  readonly correlationId?: string;
  /** The event that caused this command (reactors); the command id then derives from it. */
  readonly causationId?: string;
  readonly regionCode?: string;
  readonly caseCode?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event as the decider sees it: the short past-tense business name and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * A pure decider (Jérémie Chassaing's pattern): `decide` turns a command and the current state
 * into new events or a refusal (a thrown `DomainRuleViolation`), `evolve` folds one event into
 * state. No I/O, no clock, no randomness.
 *
 * States are immutable values: neither function may change the state (or anything inside it) it
 * is given. `CommandHandler` keeps folded states between commands and decides on them again.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly initialState: S;
  decide(command: C, state: S): readonly E[];
  evolve(state: S, event: E): S;
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>, events: Iterable<E>): S {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Ends every exhaustive `switch`: the compiler proves no case is forgotten, the runtime names the stray. */
export function unreachable(value: never, what = 'case'): never {
  throw new TypeError(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
