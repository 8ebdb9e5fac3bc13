import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { documentKindOf } from '../../../server/src/documents/document-kind';
import { parseDocument } from '../../../server/src/documents/parsed-document';
import { Contact, type SimulationLog } from '../../../server/src/runtime/contact';
import { IdentityProvider } from '../../../server/src/runtime/identity-provider';
import { DEFAULT_LIMITS, type RuntimeLimits } from '../../../server/src/runtime/limits';
import { SimulatedNetwork } from '../../../server/src/runtime/simulated-network';
import { simulateDocument } from '../../../server/src/runtime/simulate';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { START_UNIX } from './run-code';

const FIXTURES = join(__dirname, '../../fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A fresh contact on the built-in network, and the log it writes to. */
function newContact(): { contact: Contact; log: SimulationLog } {
  const log: SimulationLog = { requests: [], tokens: [], actions: [], traces: [], errors: [] };
  const network = new SimulatedNetwork(
    { endpoints: [], latencySeconds: 0.2, clockSkewSeconds: 0, tokenLifetimeSeconds: 3600 },
    new IdentityProvider(),
  );
  const contact = new Contact(
    { number: 1, contactId: 581_400_000, startUnix: START_UNIX, businessUnitOffsetMinutes: 0, variables: {} },
    network,
    log,
  );
  return { contact, log };
}

/** Runs code (syntax errors and all) as a SNIPPET of one contact; checks the run ended within its limits. */
function runWithinLimits(code: string, limits: RuntimeLimits): void {
  const parsed = parseSnippet(code);
  const { contact, log } = newContact();
  const fault = contact.runCode(parsed.program, 'property', () => ({ line: 1, column: 1 }), limits);
  if (fault) {
    assert.ok(
      fault.range.start >= 0 && fault.range.end <= code.length,
      `fault range inside the code: ${fault.message}`,
    );
    assert.ok(fault.message.length > 0);
    assert.notEqual(fault.kind, 'internal', fault.message);
  }
  assert.ok(log.errors.length <= 1);
}

// ---------------------------------------------------------------- generated programs

const NAMES = ['a', 'B', 'tok', 'global:g', 'count', 'Names', 'o', 'p', 'r'];
const name = fc.constantFrom(...NAMES);
const OPERATORS = ['+', '-', '*', '/', '\\', '%', '^', '=', '!=', '<', '<=', '>', '>=', '&', '|', '~'];

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -5, max: 100_000 }).map(String),
    fc.constantFrom('0', '1.5', '86400', 'true', 'false', 'utc', 'now', 'ContactID', 'timestamp', 'date'),
    name,
    fc.constantFrom('"x"', '""', '"Odin|Freya|Thor"', '"42"', '"{a}-{B}"', '$"\\{ \\"k\\": \\"{tok}\\" }"'),
    fc.constantFrom('#"02/09/2023 8:00 AM"', '#"{a}"', 'GetRESTProxy()', 'now()', 'Names.size', 'o.asjson()'),
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('expr').map((e) => `(${e})`),
    fc.tuple(name, tie('expr')).map(([n, e]) => `${n}[${e}]`),
    fc.tuple(name, fc.constantFrom('x', 'Name', 'access_token', 'StatusCode')).map(([n, m]) => `${n}.${m}`),
    tie('expr').map((e) => `Twice(${e})`),
  ),
})).expr;

const REST_CALL = [
  'p = GetRESTProxy()',
  'p.ProxyTimeoutSeconds = 2',
  'p.AddHeader("Authorization", "Bearer {tok}")',
  'r = p.MakeRestRequest("https://api.example.com/v1/items/{a}", "", 0, "GET")',
].join('\n');
const TOKEN_CALL = [
  'p = GetRESTProxy()',
  'r = p.MakeRestRequest("https://idp.example.com/oauth/token", "grant_type=client_credentials", 0, "POST")',
  'tok = r.access_token',
].join('\n');

/** Mostly true/false conditions, so that generated code goes past its first IF. */
const condition = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(expression, fc.constantFrom('=', '!=', '<', '>=', '<='), expression).map((p) => p.join(' ')),
  },
  { weight: 1, arbitrary: expression },
);

/** Every generated program starts by defining its names, so that it mostly runs past its first lines. */
const PRELUDE = [
  'a = 1',
  'B = "x"',
  'count = 0',
  'Names = "Odin|Freya|Thor"',
  'DYNAMIC o',
  'o.x = 5',
  'FUNCTION Twice(n)',
  '{',
  '  RETURN n * 2',
  '}',
].join('\n');

const statements: fc.Arbitrary<string> = fc.letrec<{ stmt: string; block: string }>((tie) => ({
  block: fc.array(tie('stmt'), { maxLength: 4 }).map((list) => `{\n${list.join('\n')}\n}`),
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(name, expression).map(([n, e]) => `${n} = ${e}`),
    fc.tuple(name, expression).map(([n, e]) => `ASSIGN ${n}[2] = ${e}`),
    fc.tuple(condition, tie('block'), tie('block')).map(([c, t, e]) => `IF ${c}\n${t}\nELSE\n${e}`),
    fc.tuple(expression, expression, tie('block')).map(([f, t, b]) => `FOR i = ${f} TO ${t}\n${b}`),
    fc.tuple(fc.constantFrom('0', '3', '1000000000', 'a'), tie('block')).map(([n, b]) => `REPEAT ${n} ${b}`),
    fc.tuple(name, tie('block')).map(([n, b]) => `FOREACH item IN ${n} ${b}`),
    fc
      .tuple(condition, condition, tie('block'), tie('block'))
      .map(([x, y, b, d]) => `SELECT\n{\n  CASE ${x}\n  CASE ${y}\n  ${b}\n  DEFAULT ${d}\n}`),
    fc.tuple(expression, tie('block')).map(([x, b]) => `SWITCH ${x}\n{\n  CASE 1 ${b}\n  CASE "x" { a = 2 }\n}`),
    fc.constantFrom(
      'BREAK',
      'DYNAMIC o',
      'o.Name = "Jo"',
      'o.items[3].sku = "B"',
      'TRACE "{a} {tok}"',
      REST_CALL,
      TOKEN_CALL,
    ),
    tie('block').map((b) => `FUNCTION Loop(n) ${b}`),
    fc.constantFrom(
      'x = Loop(1)',
      'RETURN a',
      'x = Twice(1, 2)',
      'FUNCTION Deep(n) { RETURN Deep(n + 1) }\nx = Deep(1)',
    ),
  ),
})).stmt;

const program = fc
  .array(statements, { minLength: 1, maxLength: 8 })
  .map((list) => `${PRELUDE}\n${TOKEN_CALL}\n${list.join('\n')}`);

const SMALL_LIMITS: RuntimeLimits = { ...DEFAULT_LIMITS, maxSteps: 20_000, maxCallDepth: 40 };

describe('runtime: property tests', () => {
  it('generated programs: the interpreter never throws and always stops within its limits', () => {
    fc.assert(
      fc.property(program, (code) => {
        runWithinLimits(code, SMALL_LIMITS);
      }),
      { numRuns: 400 },
    );
  });

  it('generated programs as .snippet files: the whole simulation never throws', () => {
    fc.assert(
      fc.property(program, (code) => {
        const outcome = simulateDocument(parseDocument('snippet', code)!, {
          durationSeconds: 3600,
          runs: 3,
          limits: SMALL_LIMITS,
        });
        if (outcome.ok) {
          const { summary, requests, errors } = outcome.result;
          assert.equal(summary.apiRequests + summary.tokenRequests, requests.length);
          assert.equal(summary.runtimeErrors, errors.length);
        } else assert.match(outcome.problem, /syntax error/);
      }),
      { numRuns: 150 },
    );
  });

  describe('every fixture', () => {
    const files = filesUnder(FIXTURES);
    const snippets = files.filter((f) => f.endsWith('.snippet'));
    const exports = files.filter((f) => f.endsWith('.xml'));

    it('has fixtures of both kinds', () => {
      assert.ok(snippets.length >= 40, `${snippets.length} .snippet fixtures`);
      assert.ok(exports.length >= 15, `${exports.length} .xml fixtures`);
    });

    it('runs every .snippet fixture (annotations and syntax errors included) without throwing', () => {
      for (const file of snippets) runWithinLimits(readFileSync(file, 'utf8'), DEFAULT_LIMITS);
    });

    it('runs the SNIPPET actions of every .xml export without throwing', () => {
      let actions = 0;
      for (const file of exports) {
        const scriptExport = readExport(readFileSync(file, 'utf8'));
        for (const code of scriptExport?.snippets ?? []) {
          runWithinLimits(code.code, DEFAULT_LIMITS);
          actions++;
        }
      }
      assert.ok(actions >= 20, `${actions} SNIPPET actions`);
    });

    it('simulates every fixture file as a document without throwing', () => {
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const kind = documentKindOf(file, undefined, text);
        if (!kind) continue;
        const document = parseDocument(kind, text);
        if (!document) continue;
        const outcome = simulateDocument(document, { durationSeconds: 7200, runs: 5 });
        if (outcome.ok) assert.ok(outcome.result.contacts === 1, file);
        else assert.ok(outcome.problem.length > 0, file);
      }
    });
  });
});
