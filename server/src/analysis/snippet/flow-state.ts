import type * as A from '../../syntax/snippet/ast';
import type { ExpirySetEvent, TokenUseEvent } from '../model/flow-model';

export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The call whose status a variable holds. */
export interface StatusSource {
  readonly client: string;
  readonly callId: number | undefined;
}

/** Where an expiry variable's value came from. */
export interface ExpiryFact {
  readonly fromExpiresIn: boolean;
  readonly fromCall: number | undefined;
  readonly storedBuffer?: ExpirySetEvent['storedBuffer'];
}

/** One change to a table made inside a scope, with what to put back when the scope ends. */
interface Undo {
  readonly table: Map<unknown, unknown> | Set<unknown>;
  readonly key: unknown;
  readonly had: boolean;
  readonly value: unknown;
}

/**
 * What a top-level statement's recording (statement-record.ts) is told by the state's tables: each read (`code` is
 * the table's index × 4 plus the kind of read, see `READ`) and each key written.
 */
export interface StateRecorder {
  read(code: number, key: unknown, value: unknown): void;
  wrote(table: number, key: unknown): void;
  enterScope(): void;
  leaveScope(): void;
}

/** The kinds of read a recorded code ends in (a table's index × 4 plus one of these). */
export const READ = { get: 0, has: 1, empty: 2 } as const;

/** The undo log of a state's tables (changes are logged only while a scope is open), and the recorder if any. */
class Journal {
  readonly changes: Undo[] = [];
  open = 0;
  recorder: StateRecorder | undefined;
}

// The plain methods, called directly: `super.delete(key)` in a subclass method is a slower load on every call, and
// these run several times per statement.
const mapHas = Map.prototype.has;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
const setHas = Set.prototype.has;
const setAdd = Set.prototype.add;
const setDelete = Set.prototype.delete;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get as (this: Set<unknown>) => number;

/**
 * A delete of a key that is not there: nothing to undo. For a recorded statement it is a read that found the key
 * absent, not a write: reading the statement again changes nothing while the key is still absent, and is needed if it
 * is there now.
 */
function noDelete(journal: Journal, index: number, key: unknown): false {
  journal.recorder?.read(index * 4 + READ.has, key, false);
  return false;
}

/** A Map whose changes inside a scope are undone when the scope ends (reads are a plain Map's). */
class ScopedMap<K, V> extends Map<K, V> {
  constructor(
    private readonly journal: Journal,
    /** The table's place in `FlowState.tables`. */
    readonly index: number,
  ) {
    super();
  }

  override get(key: K): V | undefined {
    const value = mapGet.call(this, key) as V | undefined;
    this.journal.recorder?.read(this.index * 4 + READ.get, key, value);
    return value;
  }

  override has(key: K): boolean {
    const value = mapHas.call(this, key);
    this.journal.recorder?.read(this.index * 4 + READ.has, key, value);
    return value;
  }

  override set(key: K, value: V): this {
    if (this.journal.open > 0)
      this.journal.changes.push({ table: this, key, had: mapHas.call(this, key), value: mapGet.call(this, key) });
    this.journal.recorder?.wrote(this.index, key);
    mapSet.call(this, key, value);
    return this;
  }

  override delete(key: K): boolean {
    const journal = this.journal;
    // Deleting what is not there changes nothing; recorded, it is a read that found nothing (see `noDelete`).
    if (this.size === 0) return noDelete(journal, this.index, key); // many tables stay empty: no lookup then
    if (!mapHas.call(this, key)) return noDelete(journal, this.index, key);
    if (journal.open > 0) journal.changes.push({ table: this, key, had: true, value: mapGet.call(this, key) });
    journal.recorder?.wrote(this.index, key);
    return mapDelete.call(this, key);
  }
}

/** A Set whose changes inside a scope are undone when the scope ends. */
class ScopedSet<K> extends Set<K> {
  constructor(
    private readonly journal: Journal,
    /** The table's place in `FlowState.tables`. */
    readonly index: number,
  ) {
    super();
  }

  override has(key: K): boolean {
    const value = setHas.call(this, key);
    this.journal.recorder?.read(this.index * 4 + READ.has, key, value);
    return value;
  }

  /**
   * Recorded as whether the set is empty: readers of a NameSet skip asking an empty one (`size === 0`), and that
   * answer is one the statement depends on like any other.
   */
  override get size(): number {
    const size = setSize.call(this);
    this.journal.recorder?.read(this.index * 4 + READ.empty, null, size === 0);
    return size;
  }

  override add(key: K): this {
    if (this.journal.open > 0 && !setHas.call(this, key))
      this.journal.changes.push({ table: this, key, had: false, value: undefined });
    this.journal.recorder?.wrote(this.index, key);
    setAdd.call(this, key);
    return this;
  }

  override delete(key: K): boolean {
    const journal = this.journal;
    if (setSize.call(this) === 0 || !setHas.call(this, key)) return noDelete(journal, this.index, key);
    if (journal.open > 0) journal.changes.push({ table: this, key, had: true, value: undefined });
    journal.recorder?.wrote(this.index, key);
    return setDelete.call(this, key);
  }
}

/**
 * What is known at a point of the code, in source order: one table per kind of fact, by variable or by client.
 * A value in a table is never changed in place (a new list or map replaces it); the events and syntax nodes the
 * values refer to are shared on purpose (a call patches its pending uses). Code that runs elsewhere (a FUNCTION body)
 * is read in a scope: what it learns is undone when the scope ends, at the cost of what it changed (a copy of every
 * table per FUNCTION made long scripts of many FUNCTIONs quadratic).
 */
export class FlowState {
  private readonly journal = new Journal();
  /**
   * The latest string literal assigned to a variable. Its static text and its template (the interpolated variables,
   * `auth = "Bearer {tok}"`) are read from it when asked: most strings are never asked about.
   */
  readonly strings = new ScopedMap<string, A.StringLiteral>(this.journal, 0);
  /** Variables holding constant arithmetic. */
  readonly constants = new ScopedMap<string, number>(this.journal, 1);
  /** Variables computed from a random or jitter source. */
  readonly jitter = new ScopedSet<string>(this.journal, 2);
  /** Copies of a response's expires_in, with the call it came from. */
  readonly lifetimes = new ScopedMap<string, number | undefined>(this.journal, 3);
  /** Lifetimes with a buffer already taken off (`r.expires_in - 300`), in seconds. */
  readonly lifetimeBuffers = new ScopedMap<string, number>(this.journal, 4);
  /** The latest rest-call whose response a variable holds. */
  readonly callResults = new ScopedMap<string, number>(this.journal, 5);
  /** The latest rest-call on each client. */
  readonly lastCall = new ScopedMap<string, number>(this.journal, 6);
  /** Token variables in each client's Authorization header (headers stay on a proxy for its later calls). */
  readonly authorization = new ScopedMap<string, readonly string[]>(this.journal, 7);
  /** Token uses waiting for the next call on their client. */
  readonly pending = new ScopedMap<string, readonly Writable<TokenUseEvent>[]>(this.journal, 8);
  /** Copies of a call's status. */
  readonly statuses = new ScopedMap<string, StatusSource>(this.journal, 9);
  /** Variables acquired as tokens so far. */
  readonly acquired = new ScopedSet<string>(this.journal, 10);
  readonly expiries = new ScopedMap<string, ExpiryFact>(this.journal, 11);
  /** Members assigned on dynamic objects (`TokenInput.grant_type = "password"`), for `{TokenInput.asjson()}` bodies. */
  readonly dynamicMembers = new ScopedMap<string, ReadonlyMap<string, string>>(this.journal, 12);
  /** Variables this code has assigned so far (what other actions assigned is known only document-wide). */
  readonly assigned = new ScopedSet<string>(this.journal, 13);

  /** The tables by index (the `index` each was made with): what a recorded read or write names. */
  readonly tables: readonly (Map<string, unknown> | Set<string>)[] = [
    this.strings,
    this.constants,
    this.jitter,
    this.lifetimes,
    this.lifetimeBuffers,
    this.callResults,
    this.lastCall,
    this.authorization,
    this.pending,
    this.statuses,
    this.acquired,
    this.expiries,
    this.dynamicMembers,
    this.assigned,
  ];

  /** Where reads and writes of the tables are recorded while a top-level statement is read (statement-record.ts). */
  get recorder(): StateRecorder | undefined {
    return this.journal.recorder;
  }

  set recorder(recorder: StateRecorder | undefined) {
    this.journal.recorder = recorder;
  }

  /** Opens a scope (a FUNCTION body): every change from here on is undone by `leaveScope(mark)`. */
  enterScope(): number {
    this.journal.open++;
    this.journal.recorder?.enterScope();
    return this.journal.changes.length;
  }

  /** Undoes every change since `enterScope` returned `mark`, latest first. */
  leaveScope(mark: number): void {
    const { changes } = this.journal;
    while (changes.length > mark) {
      const { table, key, had, value } = changes.pop()!;
      if (table instanceof Map) {
        if (had) mapSet.call(table, key, value);
        else mapDelete.call(table, key);
      } else if (had) setAdd.call(table, key);
      else setDelete.call(table, key);
    }
    this.journal.open--;
    this.journal.recorder?.leaveScope();
  }
}
