import { strict as assert } from 'node:assert';
import { RULE_CATALOG } from '../../../server/src/diagnostics/catalog';
import { assertEquivalent } from './cross-notation-helpers';
import { PROGRAMS } from './cross-notation-programs';

describe('cross-notation: hand-written programs report the same codes on the same lines', () => {
  it('has a program for every diagnostic code', () => {
    const reported = new Set(PROGRAMS.flatMap((p) => Object.values(p.expected).flat()));
    for (const rule of RULE_CATALOG) assert.ok(reported.has(rule.code), `no program reports ${rule.code}`);
  });

  for (const programs of PROGRAMS) {
    it(`${programs.name}: .snippet, .studio and export agree`, () => assertEquivalent(programs));
  }
});
