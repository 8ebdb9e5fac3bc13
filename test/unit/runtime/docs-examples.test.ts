import * as assert from 'node:assert/strict';
import { plain, runCode, START_UNIX } from './run-code';

/**
 * NICE's own examples, run with the results their help pages give (page names as in
 * server/src/runtime/studio-semantics.ts).
 */
describe('runtime: NICE documentation examples', () => {
  describe('Expressions: a non-numeric variable is ignored in a numeric expression', () => {
    it('nextNum holding a string: 123 + 456 + nextNum is 579', () => {
      const run = runCode('ASSIGN nextNum = "my string"\nASSIGN c2 = 123 + 456 + nextNum\n');
      assert.equal(run.fault, null);
      assert.equal(run.get('c2'), 579);
    });

    it('nextNum holding 789: the result is 1368', () => {
      const run = runCode('ASSIGN nextNum = 789\nASSIGN c3 = 123 + 456 + nextNum\n');
      assert.equal(run.get('c3'), 1368);
    });

    it('nextNum not a variable at all: the result is 579', () => {
      const run = runCode('ASSIGN c3 = 123 + 456 + nextNum\n');
      assert.equal(run.get('c3'), 579);
    });

    it('two variables holding numbers as text are converted: "3599" / 86400 works', () => {
      const run = runCode('ASSIGN a = "40"\nASSIGN b = "2"\nASSIGN sum = a + b\nASSIGN days = "3599" / 86400\n');
      assert.equal(run.get('sum'), 42);
      assert.equal(run.get('days'), 3599 / 86400);
    });

    it('a quoted expression is text, not arithmetic: c2 = "123 + 456" stays "123 + 456"', () => {
      const run = runCode('ASSIGN c1 = 123 + 456\nASSIGN c2 = "123 + 456"\n');
      assert.equal(run.get('c1'), 579);
      assert.equal(run.get('c2'), '123 + 456');
    });
  });

  describe('Looping Statements', () => {
    it('FOR i=1 TO 9 builds ph="123456789"', () => {
      const run = runCode('FOR i=1 TO 9\n{\n\tph = "{ph}{i}"\n}\n');
      assert.equal(run.get('ph'), '123456789');
    });

    it('FOR i=9 TO 1 counts down: ph="987654321"', () => {
      const run = runCode('FOR i=9 TO 1\n{\n\tph = "{ph}{i}"\n}\n');
      assert.equal(run.get('ph'), '987654321');
    });

    it('FOR always runs at least once (start equal to end)', () => {
      const run = runCode('FOR i = 5 TO 5 { ASSIGN count = count + 1 }');
      assert.equal(run.get('count'), 1);
    });

    it('the Persons example: Names.size, Names[i] and dynamic array items', () => {
      const run = runCode(
        [
          'ASSIGN Names = "Wes|Nate|Dan|Clay"',
          'ASSIGN EyeColors = "Blue|Blue|Brown|Brown"',
          'DYNAMIC Persons',
          'ASSIGN PeopleCount = Names.size',
          'FOR i = 1 TO PeopleCount',
          '{',
          '  ASSIGN Persons[i].Name = "{Names[i]}"',
          '  ASSIGN Persons[i].Eyecolor = "{EyeColors[i]}"',
          '}',
          'ASSIGN json = Persons.asjson()',
        ].join('\n'),
      );
      assert.equal(run.fault, null);
      assert.equal(run.get('PeopleCount'), 4);
      assert.deepEqual(plain(run.get('Persons')), [
        { Name: 'Wes', Eyecolor: 'Blue' },
        { Name: 'Nate', Eyecolor: 'Blue' },
        { Name: 'Dan', Eyecolor: 'Brown' },
        { Name: 'Clay', Eyecolor: 'Brown' },
      ]);
      assert.equal(JSON.parse(run.get('json') as string)[2].Name, 'Dan');
    });

    it('BREAK ends the loop; REPEAT runs its block the given number of times', () => {
      const run = runCode('REPEAT 10\n{\n  n = n + 1\n  IF n = 3\n  {\n    BREAK\n  }\n}\nREPEAT 4 { m = m + 2 }');
      assert.equal(run.get('n'), 3);
      assert.equal(run.get('m'), 8);
    });

    it('FOREACH visits every element; changing the loop variable writes the element back (spring19)', () => {
      const run = runCode(
        [
          'ASSIGN Names = "Odin|Freya|Thor|Loki"',
          'FOREACH Name IN Names',
          '{',
          '  IF Name = "Thor"',
          '  {',
          '    Name = "Baldr"',
          '  }',
          '  seen = "{seen}{Name},"',
          '}',
          '',
        ].join('\n'),
      );
      assert.equal(run.get('seen'), 'Odin,Freya,Baldr,Loki,');
      assert.equal(run.get('Names'), 'Odin|Freya|Baldr|Loki');
    });

    it('assigning past the end of an array blank-fills the gap (SNIPPET action: ASSIGN x[10] = "ten")', () => {
      const run = runCode('ASSIGN x = "one|two"\nASSIGN x[10] = "ten"\nASSIGN n = x.size\nASSIGN third = x[3]\n');
      assert.equal(run.get('n'), 10);
      assert.equal(run.get('third'), '');
      assert.equal(run.get('x'), 'one|two||||||||ten');
    });
  });

  describe('Decision Statements', () => {
    it('the TEST = 1 example: TEST is 1 only in the Snippet debugger, so a live contact skips that block', () => {
      const code = [
        'IF TEST = 1',
        '   {',
        '      ASSIGN contactID = "123456780"',
        '      ASSIGN customerName = "ABC Corporation"',
        '   }',
        'IF customerName = "ABC Corporation"',
        '   {',
        '      ASSIGN contractLevel = "Gold"',
        '   }',
        '   ELSE',
        '      {',
        '         ASSIGN contractLevel = "Silver"',
        '      }',
      ].join('\n');
      const live = runCode(code);
      assert.equal(live.fault, null);
      assert.equal(live.get('contactID'), undefined);
      assert.equal(live.get('contractLevel'), 'Silver');
      const named = runCode(`ASSIGN customerName = "ABC Corporation"\n${code}`);
      assert.equal(named.get('contractLevel'), 'Gold');
    });

    it('TEST is reserved: assigning it is refused (Reserved Variables: "do not try to set this variable")', () => {
      const run = runCode('ASSIGN TEST = 1\n');
      assert.equal(run.fault?.kind, 'script-error');
      assert.match(run.fault?.message ?? '', /TEST is a reserved variable/);
    });

    it('ELSE holding a nested IF (no ELSE IF in Studio)', () => {
      const code = (a: number, b: number) =>
        [
          `A = ${a}`,
          `B = ${b}`,
          'IF A > B {',
          'r = "greater"',
          '}',
          'ELSE {',
          '\tIF A = B {',
          '\tr = "equal"',
          '\t}',
          '\tELSE {',
          '\tr = "less"',
          '\t}',
          '}',
          '',
        ].join('\n');
      assert.equal(runCode(code(3, 1)).get('r'), 'greater');
      assert.equal(runCode(code(2, 2)).get('r'), 'equal');
      assert.equal(runCode(code(1, 2)).get('r'), 'less');
    });

    it('SWITCH runs the CASE whose literal matches, else DEFAULT (CASE 4 { ASSIGN item="FOUR" })', () => {
      const code = (v: number) =>
        [
          `x = ${v}`,
          'SWITCH x',
          '{',
          '  CASE 3 { ASSIGN item="THREE" }',
          '  CASE 4 { ASSIGN item="FOUR" }',
          '  DEFAULT { ASSIGN item="OTHER" }',
          '}',
        ].join('\n');
      assert.equal(runCode(code(4)).get('item'), 'FOUR');
      assert.equal(runCode(code(9)).get('item'), 'OTHER');
    });

    it('SELECT runs the first CASE that is true', () => {
      const run = runCode(
        [
          'code = 401',
          'SELECT',
          '{',
          '  CASE code = 200 { r = "ok" }',
          '  CASE code > 400 { r = "client error" }',
          '  CASE code = 401 { r = "unauthorized" }',
          '  DEFAULT { r = "other" }',
          '}',
        ].join('\n'),
      );
      assert.equal(run.get('r'), 'client error');
    });
  });

  describe('String Handling', () => {
    it('interpolation evaluates any expression: "text{b+10*c-a^2}"', () => {
      const run = runCode('a = 2\nb = 1\nc = 3\nA = "text{b+10*c-a^2}"\n');
      assert.equal(run.get('A'), 'text27');
    });

    it('$"…" enables the escapes \\" \\\' \\t \\r \\n; a plain string keeps backslashes', () => {
      const run = runCode('e = $"say \\"hi\\"\\t\\\'x\\\'\\r\\n"\np = "\\bwd\\b"\n');
      assert.equal(run.get('e'), 'say "hi"\t\'x\'\r\n');
      assert.equal(run.get('p'), '\\bwd\\b');
    });

    it('"text" + B is not supported: the simulator says so at the +', () => {
      const code = 'B = "world"\nA = "text" + B\n';
      const run = runCode(code);
      assert.ok(run.fault);
      assert.equal(run.fault.kind, 'unsupported');
      assert.match(run.fault.message, /^unsupported in the simulator: \+ between/);
      assert.equal(code.slice(run.fault.range.start, run.fault.range.end), '"text" + B');
    });
  });

  describe('Reserved Variables: dates are OLE Automation day counts', () => {
    it('utc is a day count in arithmetic and MM/dd/yyyy hh:mm:ss tt in a string', () => {
      const run = runCode('days = utc + 0\ntext = "{utc}"\nd = "{date}"\n', { now: START_UNIX });
      // 2025-03-03 is 45719 days after 1899-12-30; 14:00 is 14/24 of a day.
      assert.ok(Math.abs((run.get('days') as number) - (45719 + 14 / 24)) < 1e-9);
      assert.equal(run.get('text'), '03/03/2025 02:00:00 PM');
      assert.equal(run.get('d'), '03/03/2025');
    });

    it('6:00 AM on 12/31/1899 is 1.25 (the pages\' OLE example) as a #"…" date literal', () => {
      const run = runCode('x = #"12/31/1899 6:00 AM" + 0\n');
      assert.equal(run.get('x'), 1.25);
    });

    it('timestamp counts 100 ns intervals since 0001-01-01 UTC (18+ digits)', () => {
      const run = runCode('t = timestamp\n', { now: START_UNIX });
      assert.equal(run.get('t'), (621_355_968_000_000_000n + BigInt(START_UNIX) * 10_000_000n).toString());
    });
  });
});
