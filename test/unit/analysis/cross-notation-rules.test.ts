import { strict as assert } from 'node:assert';
import { CATALOG } from '../../../server/src/service';
import { assertEquivalent } from './cross-notation-helpers';
import { PROGRAMS } from './cross-notation-programs';

describe('cross-notation: hand-written programs report the same codes on the same lines', () => {
  it('has a program for every diagnostic code', () => {
    const reported = new Set(PROGRAMS.flatMap((p) => Object.values(p.expected).flat()));
    // The size limit is decided before any notation is parsed (test/unit/service/document-size-limit.test.ts).
    const notational = CATALOG.filter((rule) => rule.code !== 'document-too-large');
    for (const rule of notational) assert.ok(reported.has(rule.code), `no program reports ${rule.code}`);
  });

  for (const programs of PROGRAMS) {
    it(`${programs.name}: .snippet, .studio and export agree`, () => assertEquivalent(programs));
  }
});
