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

/** What a logged change puts back: the key was not in the table (it is taken out again). */
const ABSENT = Symbol('absent');
/** What a logged change of a Set puts back when the key was in it. */
const PRESENT = true;

type Table = Map<unknown, unknown> | Set<unknown>;

/**
 * The undo log of a state's tables: changes are logged while a scope is open, and always when the state is recorded
 * (a lowering a later version resumes: analysis/snippet/resume.ts rolls it back to a top-level statement). One
 * change is a table, a key and what the key held, in three lists (no object per change: a recorded lowering logs
 * every change it makes, and keeps the log).
 */
class Journal {
  readonly tables: Table[] = [];
  readonly keys: unknown[] = [];
  readonly values: unknown[] = [];
  open = 0;
  recording = false;

  get logging(): boolean {
    return this.open > 0 || this.recording;
  }

  log(table: Table, key: unknown, value: unknown): void {
    this.tables.push(table);
    this.keys.push(key);
    this.values.push(value);
  }
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

/** A Map whose changes inside a scope are undone when the scope ends (reads are a plain Map's). */
class ScopedMap<K, V> extends Map<K, V> {
  constructor(private readonly journal: Journal) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.journal.logging) {
      const before = mapGet.call(this, key);
      const had = before !== undefined || mapHas.call(this, key);
      if (had && before === value) return this; // nothing changes: nothing to undo
      this.journal.log(this, key, had ? before : ABSENT);
    }
    mapSet.call(this, key, value);
    return this;
  }

  override delete(key: K): boolean {
    if (this.size === 0) return false; // many tables stay empty in a script: no lookup then
    if (this.journal.logging && mapHas.call(this, key)) this.journal.log(this, key, mapGet.call(this, key));
    return mapDelete.call(this, key);
  }
}

/** A Set whose changes inside a scope are undone when the scope ends. */
class ScopedSet<K> extends Set<K> {
  constructor(private readonly journal: Journal) {
    super();
  }

  override add(key: K): this {
    if (this.journal.logging && !setHas.call(this, key)) this.journal.log(this, key, ABSENT);
    setAdd.call(this, key);
    return this;
  }

  override delete(key: K): boolean {
    if (this.size === 0) return false;
    if (this.journal.logging && setHas.call(this, key)) this.journal.log(this, key, PRESENT);
    return setDelete.call(this, key);
  }
}

/**
 * What is known at a point of the code, in source order: one table per kind of fact, by variable or by client.
 * A value in a table is never changed in place (a new list or map replaces it); the events and syntax nodes the
 * values refer to are shared on purpose (a client's pending uses are the events its next call is sent with). Code that
 * runs elsewhere (a FUNCTION body) is read in a scope: what it learns is undone when the scope ends, at the cost of
 * what it changed (a copy of every table per FUNCTION made long scripts of many FUNCTIONs quadratic).
 */
export class FlowState {
  private readonly journal = new Journal();
  /**
   * The latest string literal assigned to a variable. Its static text and its template (the interpolated variables,
   * `auth = "Bearer {tok}"`) are read from it when asked: most strings are never asked about.
   */
  readonly strings = new ScopedMap<string, A.StringLiteral>(this.journal);
  /** Variables holding constant arithmetic. */
  readonly constants = new ScopedMap<string, number>(this.journal);
  /** Variables computed from a random or jitter source. */
  readonly jitter = new ScopedSet<string>(this.journal);
  /** Copies of a response's expires_in, with the call it came from. */
  readonly lifetimes = new ScopedMap<string, number | undefined>(this.journal);
  /** Lifetimes with a buffer already taken off (`r.expires_in - 300`), in seconds. */
  readonly lifetimeBuffers = new ScopedMap<string, number>(this.journal);
  /** The latest rest-call whose response a variable holds. */
  readonly callResults = new ScopedMap<string, number>(this.journal);
  /** The latest rest-call on each client. */
  readonly lastCall = new ScopedMap<string, number>(this.journal);
  /** Token variables in each client's Authorization header (headers stay on a proxy for its later calls). */
  readonly authorization = new ScopedMap<string, readonly string[]>(this.journal);
  /** Token uses waiting for the next call on their client. */
  readonly pending = new ScopedMap<string, readonly Writable<TokenUseEvent>[]>(this.journal);
  /** Copies of a call's status. */
  readonly statuses = new ScopedMap<string, StatusSource>(this.journal);
  /** Variables acquired as tokens so far. */
  readonly acquired = new ScopedSet<string>(this.journal);
  readonly expiries = new ScopedMap<string, ExpiryFact>(this.journal);
  /** Members assigned on dynamic objects (`TokenInput.grant_type = "password"`), for `{TokenInput.asjson()}` bodies. */
  readonly dynamicMembers = new ScopedMap<string, ReadonlyMap<string, string>>(this.journal);
  /** Variables this code has assigned so far (what other actions assigned is known only document-wide). */
  readonly assigned = new ScopedSet<string>(this.journal);

  /** Opens a scope (a FUNCTION body): every change from here on is undone by `leaveScope(mark)`. */
  enterScope(): number {
    this.journal.open++;
    return this.journal.tables.length;
  }

  /** Undoes every change since `enterScope` returned `mark`, latest first. */
  leaveScope(mark: number): void {
    this.rollBack(mark);
    this.journal.open--;
  }

  /** From now on every change is logged, outside scopes too, so that `rollBack` can undo it. */
  record(): void {
    this.journal.recording = true;
  }

  /** Where the log stands: `rollBack(mark)` later puts every table back as it is now. */
  mark(): number {
    return this.journal.tables.length;
  }

  /** Undoes every logged change since `mark`, latest first. */
  rollBack(mark: number): void {
    const { tables, keys, values } = this.journal;
    for (let i = tables.length - 1; i >= mark; i--) {
      const table = tables[i]!;
      const value = values[i];
      if (table instanceof Map) {
        if (value === ABSENT) mapDelete.call(table, keys[i]);
        else mapSet.call(table, keys[i], value);
      } else if (value === ABSENT) setDelete.call(table, keys[i]);
      else setAdd.call(table, keys[i]);
    }
    tables.length = mark;
    keys.length = mark;
    values.length = mark;
  }
}
