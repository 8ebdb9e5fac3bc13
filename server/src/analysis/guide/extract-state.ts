import type { AnyNode } from 'acorn';
import type { TextRange } from '../../common/text-range';
import type { Settings } from '../../common/settings';
import type { ExpirySetEvent, RestCallEvent, TokenUseEvent } from '../model/flow-model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type RestCallDraft = Mutable<RestCallEvent>;
export type TokenUseDraft = Mutable<TokenUseEvent>;

/** A `CXone.HttpRequest` (or any object that is sent): what has been set on it so far. */
export interface ClientState {
  url?: string;
  method?: string;
  body?: string;
  /** Token variables in its Authorization header (headers stay set across sends). */
  authorizationVariables: string[];
  /** Header token uses waiting for the next `send()`. */
  pendingUses: TokenUseDraft[];
  /** Variables substituted or concatenated into the body. */
  bodyVariables: string[];
  /** Token variables sent in the body (`subject_token=` of an exchange), waiting for the next `send()`. */
  pendingBodyUses: TokenUseDraft[];
  lastCallId?: number;
}

/** The call whose status a value holds. */
export interface StatusLink {
  readonly callId?: number;
  readonly client: string;
}

/** What a value says about an expiry time (or a lifetime) when it is computed. */
export interface ExpiryValue {
  readonly fromExpiresIn: boolean;
  readonly fromCall?: number;
  readonly constantSeconds?: number;
  readonly constantRange?: TextRange;
  /** `now` takes part: the value is a point in time, not a lifetime. */
  readonly nowBased: boolean;
  /** A buffer already taken off (`now + data.expires_in - 300`, `data.expires_in - 300`). */
  readonly storedBuffer?: ExpirySetEvent['storedBuffer'];
}

/** Facts that hold across units in document order (script variables live for the whole call). */
export class DocumentState {
  /** Variables that received a token so far (folded). */
  readonly tokenVariables = new Set<string>();
  /** Variables known to hold an expiry time (folded). */
  readonly expiryVariables = new Set<string>();
  /** Script variables (SET) holding a call's status. */
  readonly persistentStatusCopies = new Map<string, StatusLink>();
  private callCounter = 0;
  private conditionCounter = 0;

  constructor(
    readonly text: string,
    readonly settings: Settings,
    /** Variables holding one numeric constant wherever they are assigned (see constants.ts). */
    readonly constants: ReadonlyMap<string, number> = new Map(),
    /** Every variable the document assigns or declares anywhere (see constants.ts). */
    readonly assigned?: ReadonlySet<string>,
    /** Every comment of the document, sorted by start. */
    readonly comments: readonly TextRange[] = [],
  ) {}

  nextCallId(): number {
    return this.callCounter++;
  }

  nextConditionId(): number {
    return this.conditionCounter++;
  }
}

type VariableTable = Map<string, unknown> | Set<string>;

/** Facts local to one unit: JavaScript variables do not outlive their SNIPPET block. */
export class UnitState {
  /** The tables that describe a variable's current value, emptied for a variable when it gets a new one. */
  private readonly valueTables: VariableTable[] = [];
  readonly clients = new Map<string, ClientState>();
  /** Rest-call id → the request variable it was sent on. */
  readonly callClients = new Map<number, string>();
  /** `x.send(…)` call nodes → their rest-call id (for `JSON.parse(x.send().body)`). */
  readonly callIdByNode = new Map<AnyNode, number>();
  /** Names declared with var/let/const/function/parameters anywhere in the unit: not script variables. */
  readonly declared = new Set<string>();

  // What a variable's current value is (see `forget`): each table is declared through `valueTable`.
  /** Response variable → its rest-call id. */
  readonly responses = this.valueTable(new Map<string, number>());
  /** Parsed body variable (`JSON.parse(resp.body)`) → the rest-call id, when known. */
  readonly parsedBodies = this.valueTable(new Map<string, number | undefined>());
  readonly stringValues = this.valueTable(new Map<string, string>());
  readonly numericConstants = this.valueTable(new Map<string, { readonly value: number; readonly range: TextRange }>());
  readonly jitterVariables = this.valueTable(new Set<string>());
  readonly nowVariables = this.valueTable(new Set<string>());
  /** Now variables with the seconds in one unit of their value (`Date.now()`: 0.001). */
  readonly nowUnits = this.valueTable(new Map<string, number>());
  readonly statusCopies = this.valueTable(new Map<string, StatusLink>());
  /** Local variables holding a `"Bearer " + token` value, with the token uses it carries. */
  readonly bearerValues = this.valueTable(new Map<string, TokenUseDraft[]>());
  /** Locals holding a computed expiry or lifetime. */
  readonly expiryValues = this.valueTable(new Map<string, ExpiryValue>());
  /**
   * Locals holding a time a token is due at under a name that does not say so: a copy of an expiry
   * (`var e = parseInt("{strTokenExpiry}")`) or now plus a lifetime (`var due = now + lifetime`).
   */
  readonly dueTimes = this.valueTable(new Set<string>());

  client(name: string): ClientState {
    let state = this.clients.get(name);
    if (!state) {
      state = { authorizationVariables: [], pendingUses: [], pendingBodyUses: [], bodyVariables: [] };
      this.clients.set(name, state);
    }
    return state;
  }

  /** A variable gets a new value: forget what every value table knew about the old one. */
  forget(name: string): void {
    for (const table of this.valueTables) table.delete(name);
  }

  private valueTable<T extends VariableTable>(table: T): T {
    this.valueTables.push(table);
    return table;
  }
}
