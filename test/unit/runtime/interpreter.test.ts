import * as assert from 'node:assert/strict';
import { runSnippet } from '../../../server/src/runtime/interpreter';
import type { SnippetHost } from '../../../server/src/runtime/snippet-host';
import { VariableStore } from '../../../server/src/runtime/variable-store';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { plain, runCode } from './run-code';

/** The text a fault points at. */
function at(code: string, range: { start: number; end: number }): string {
  return code.slice(range.start, range.end);
}

describe('runtime: interpreter semantics', () => {
  it('names and keywords are case-insensitive; ASSIGN is optional', () => {
    const run = runCode(
      'ASSIGN HTTPStatus = 401\nhttpstatus = httpSTATUS + 1\nif HttpStatus = 402 { assign Seen = "yes" }',
    );
    assert.equal(run.fault, null);
    assert.equal(run.get('HTTPSTATUS'), 402);
    assert.equal(run.get('seen'), 'yes');
  });

  it('members of dynamic objects keep their case: o.Name and o.name are two members', () => {
    const run = runCode('DYNAMIC o\no.Name = "a"\no.name = "b"\nx = "{o.Name}{o.name}{o.NAME}"');
    assert.equal(run.get('x'), 'ab');
  });

  it('global:x is a variable of its own, readable inside interpolation in either case', () => {
    const run = runCode('x = "plain"\nglobal:x = "global"\ny = "{Global:X}/{x}"');
    assert.equal(run.get('y'), 'global/plain');
  });

  it('variables live on between runs that share a store (one contact, several SNIPPET actions)', () => {
    const store = new VariableStore();
    runCode('visits = visits + 1', { store });
    const second = runCode('visits = visits + 1', { store });
    assert.equal(second.get('visits'), 2);
  });

  it('stacked CASE lines share one block: any of them selects it, tried top to bottom', () => {
    const code = (status: number) =>
      [
        `s = ${status}`,
        'SELECT',
        '{',
        '  CASE s = 401',
        '  // token rejected',
        '  CASE s = 403',
        '  {',
        '    r = "auth"',
        '  }',
        '  CASE s = 200 { r = "ok" }',
        '  DEFAULT { r = "other" }',
        '}',
      ].join('\n');
    assert.equal(runCode(code(401)).get('r'), 'auth');
    assert.equal(runCode(code(403)).get('r'), 'auth');
    assert.equal(runCode(code(200)).get('r'), 'ok');
    assert.equal(runCode(code(500)).get('r'), 'other');
  });

  it('stacked CASE lines of a SWITCH behave the same way', () => {
    const code = (v: string) =>
      `k = "${v}"\nSWITCH k\n{\n  CASE "1"\n  CASE "2"\n  { r = "low" }\n  DEFAULT { r = "high" }\n}`;
    assert.equal(runCode(code('2')).get('r'), 'low');
    assert.equal(runCode(code('7')).get('r'), 'high');
  });

  it('FUNCTION: parameters are local, RETURN gives the value, a call may come before the declaration', () => {
    const run = runCode(
      'total = Add(2, 3)\nFUNCTION Add(a, b)\n{\n  calls = calls + 1\n  RETURN a + b\n}\nagain = add(total, 1)',
    );
    assert.equal(run.fault, null);
    assert.equal(run.get('total'), 5);
    assert.equal(run.get('again'), 6);
    assert.equal(run.get('calls'), 2);
    assert.equal(run.get('a'), undefined);
  });

  it('a function called with the wrong number of arguments is a script error at the call', () => {
    const code = 'FUNCTION Twice(x) { RETURN x * 2 }\ny = Twice(1, 2)';
    const run = runCode(code);
    assert.equal(run.fault?.kind, 'script-error');
    assert.equal(at(code, run.fault!.range), 'Twice(1, 2)');
    assert.match(String(run.get('__err')), /takes 1 argument, not 2/);
  });

  it('BREAK leaves only the innermost loop, also from inside a SELECT', () => {
    const run = runCode(
      [
        'FOR i = 1 TO 3',
        '{',
        '  FOR j = 1 TO 3',
        '  {',
        '    SELECT { CASE j = 2 { BREAK } }',
        '    pairs = "{pairs}{i}{j} "',
        '  }',
        '}',
      ].join('\n'),
    );
    assert.equal(run.get('pairs'), '11 21 31 ');
  });

  it('FOREACH over a JSON array of a REST result reads its members', () => {
    const run = runCode(
      [
        'p = GetRESTProxy()',
        'r = p.MakeRestRequest("https://api.example.com/v1/items", "", 0, "GET")',
        'FOREACH i IN r.items { names = "{names}{i.name};" }',
      ].join('\n'),
      {
        answer: () => ({
          kind: 'response',
          status: 200,
          statusDescription: 'OK',
          body: { items: [{ name: 'a' }, { name: 'b' }] },
        }),
      },
    );
    assert.equal(run.fault, null);
    assert.equal(run.get('names'), 'a;b;');
  });

  it('TRACE has no effect on variables; its text is recorded', () => {
    const run = runCode('x = 1\nTRACE "x is {x}"');
    assert.deepEqual(run.traces, ['x is 1']);
  });

  describe('what the pages do not settle is refused at its position', () => {
    const cases: [string, string, RegExp][] = [
      [
        'a date variable compared with a number',
        'e = utc + 1\nIF utc >= e - 0.5 { x = 1 }',
        /date variable directly with a number/,
      ],
      ['ordering of text', 'a = "b"\nIF a < "c" { x = 1 }', /ordering of text/],
      ['texts differing only in case', 'a = "Gold"\nIF a = "gold" { x = 1 }', /differ only in letter case/],
      ['a non-numeric value in a product', 'b = "abc"\nx = b * 2', /\* with the text "abc"/],
      ['an undocumented string function', 's = "abc"\nn = s.length()', /\.length\(\) on the text "abc"/],
      ['USES', 'USES "Proxy.dll"', /USES/],
      ['a condition that is not true or false', 'x = "maybe"\nIF x { y = 1 }', /a condition that is the text "maybe"/],
      ['a dynamic object inside a string', 'DYNAMIC o\no.a = 1\ns = "{o}"', /use \.asjson\(\)/],
      [
        'XML responses',
        'p = GetRESTProxy()\nr = p.MakeRestRequest("https://x.example.com/", "", 1, "GET")',
        /XML responses/,
      ],
    ];
    for (const [name, code, message] of cases) {
      it(name, () => {
        const run = runCode(code);
        assert.equal(run.fault?.kind, 'unsupported', `${name}: ${run.fault?.message}`);
        assert.match(run.fault!.message, /^unsupported in the simulator: /);
        assert.match(run.fault!.message, message);
        assert.ok(run.fault!.range.end > run.fault!.range.start, 'the fault has a position in the code');
      });
    }
  });

  it('CONTINUE is not a Studio keyword: a syntax error for the parser, "unsupported" if the tree is run anyway', () => {
    const parsed = parseSnippet('FOR i = 1 TO 2 { CONTINUE }');
    assert.equal(parsed.errors.length, 1);
    const host: SnippetHost = {
      now: () => 0,
      contactId: 1,
      businessUnitOffsetMinutes: 0,
      send: () => ({ kind: 'failure', reason: 'none' }),
      trace: () => {},
    };
    const { fault } = runSnippet(parsed.program, new VariableStore(), host);
    assert.equal(fault?.kind, 'unsupported');
    assert.match(fault!.message, /CONTINUE \(not a Studio keyword\)/);
  });

  it('keeps utc inside arithmetic: (expiry - utc) * 86400 <= buffer works', () => {
    const run = runCode(
      'expiry = utc + (3600 / 86400)\nIF (expiry - utc) * 86400 <= 300 { due = "yes" } ELSE { due = "no" }',
    );
    assert.equal(run.fault, null);
    assert.equal(run.get('due'), 'no');
  });

  it('a name ending in $ compares as text', () => {
    const run = runCode(
      'code$ = "007"\nIF code$ = "7" { r = "number" } ELSE { r = "text" }\nn = "007"\nIF n = "7" { m = "number" }',
    );
    assert.equal(run.get('r'), 'text');
    assert.equal(run.get('m'), 'number');
  });

  it('reserved variables cannot be assigned', () => {
    const run = runCode('utc = 5');
    assert.equal(run.fault?.kind, 'script-error');
    assert.match(run.fault!.message, /utc is a reserved variable/);
  });

  it('an endless loop stops at the step limit with a clear message', () => {
    const code = 'FOR i = 1 TO 2\n{\n  i = 1\n}\nREPEAT 1000000000 { n = n + 1 }';
    const run = runCode(code, { limits: { maxSteps: 10_000 } });
    assert.equal(run.fault?.kind, 'limit');
    assert.match(run.fault!.message, /step limit of 10,000 statements/);
  });

  it('deep recursion stops at the call depth limit', () => {
    const run = runCode('FUNCTION Down(n) { RETURN Down(n + 1) }\nx = Down(1)', { limits: { maxCallDepth: 50 } });
    assert.equal(run.fault?.kind, 'limit');
    assert.match(run.fault!.message, /nest deeper than 50/);
  });

  it('division by zero is a script error (the SNIPPET Error branch), with the message in __err and _err', () => {
    const run = runCode('x = 0\ny = 10 / x');
    assert.equal(run.fault?.kind, 'script-error');
    assert.equal(run.get('__err'), 'division by zero');
    assert.equal(run.get('_err'), 'division by zero');
  });

  it('nested members and items are created as they are assigned', () => {
    const run = runCode('DYNAMIC body\nbody.customer.name = "Jo"\nbody.lines[2].sku = "B-2"\njson = body.asjson()');
    assert.deepEqual(plain(run.get('body')), { customer: { name: 'Jo' }, lines: ['', { sku: 'B-2' }] });
    assert.equal(run.get('json'), '{"customer":{"name":"Jo"},"lines":["",{"sku":"B-2"}]}');
  });

  it('__type is a reserved member name', () => {
    const run = runCode('DYNAMIC o\no.__type = "x"');
    assert.equal(run.fault?.kind, 'script-error');
    assert.match(run.fault!.message, /__type is reserved/);
  });
});
