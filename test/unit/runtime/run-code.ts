import * as assert from 'node:assert/strict';
import { documentKindOf } from '../../../server/src/documents/document-kind';
import { type ParsedDocument, parseDocument } from '../../../server/src/documents/parsed-document';
import { runSnippet } from '../../../server/src/runtime/interpreter';
import { DEFAULT_LIMITS, type RuntimeLimits } from '../../../server/src/runtime/limits';
import type { RuntimeFault } from '../../../server/src/runtime/runtime-fault';
import type { OutgoingRequest, RequestOutcome, SnippetHost } from '../../../server/src/runtime/snippet-host';
import { DynamicObject, type Value } from '../../../server/src/runtime/values';
import { VariableStore } from '../../../server/src/runtime/variable-store';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { readFileSync } from 'node:fs';

/** 2025-03-03T14:00:00Z, the simulator's default start. */
export const START_UNIX = Date.UTC(2025, 2, 3, 14, 0, 0) / 1000;

export interface CodeRun {
  readonly fault: RuntimeFault | null;
  readonly store: VariableStore;
  readonly traces: string[];
  readonly requests: OutgoingRequest[];
  /** A variable's value (case-insensitive name, `global:` prefix allowed). */
  get(name: string): Value | undefined;
}

export interface CodeRunOptions {
  readonly store?: VariableStore;
  readonly now?: number;
  readonly contactId?: number;
  readonly limits?: Partial<RuntimeLimits>;
  /** Answers MakeRestRequest; by default every request fails ("no network in this test"). */
  readonly answer?: (request: OutgoingRequest) => RequestOutcome;
}

/** Runs Snippet code (which must parse cleanly) with a fixed clock and no network. */
export function runCode(code: string, options: CodeRunOptions = {}): CodeRun {
  const parsed = parseSnippet(code);
  assert.deepEqual(parsed.errors, [], `the test code must parse: ${JSON.stringify(parsed.errors)}`);
  const store = options.store ?? new VariableStore();
  const traces: string[] = [];
  const requests: OutgoingRequest[] = [];
  const host: SnippetHost = {
    now: () => options.now ?? START_UNIX,
    contactId: options.contactId ?? 581_400_000,
    businessUnitOffsetMinutes: 0,
    send: (request) => {
      requests.push(request);
      return options.answer ? options.answer(request) : { kind: 'failure', reason: 'no network in this test' };
    },
    trace: (text) => traces.push(text),
  };
  const { fault } = runSnippet(parsed.program, store, host, { ...DEFAULT_LIMITS, ...options.limits });
  return {
    fault,
    store,
    traces,
    requests,
    get: (name) => {
      const global = /^global:/i.test(name);
      return store.get(VariableStore.key(name.replace(/^global:/i, '').toLowerCase(), global));
    },
  };
}

/** The members of a dynamic object as plain JSON-like data, for assertions. */
export function plain(value: Value | undefined): unknown {
  if (!(value instanceof DynamicObject)) return value;
  if (value.items !== null && value.members.size === 0) return value.items.map(plain);
  return Object.fromEntries([...value.members].map(([k, v]) => [k, plain(v)]));
}

export function documentAt(path: string): ParsedDocument {
  const text = readFileSync(path, 'utf8');
  const kind = documentKindOf(path, undefined, text);
  assert.ok(kind, `${path} is a document kind the product reads`);
  const document = parseDocument(kind, text);
  assert.ok(document, `${path} parses as a document`);
  return document;
}
