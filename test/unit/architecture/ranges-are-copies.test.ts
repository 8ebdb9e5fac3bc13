import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { Analysis } from '../../../server/src/service';
import { readAnnotated } from '../../helpers/annotated';
import { runCode } from '../runtime/run-code';
import { documentsUnder } from '../../helpers/fixture-texts';

/**
 * Snippet syntax nodes hold their offsets inline (`start`, `end`), so a node is structurally a TextRange and the type
 * checker lets one be stored where a range belongs. A model event, a finding, a fix or a runtime fault that did so
 * would keep the whole subtree alive and print it in JSON output: every value under a key named `range` or `…Range`
 * must be a plain `{ start, end }`.
 */
const ROOT = resolve(__dirname, '..', '..', '..');

/** Paths of every value under a range key that is not exactly `{ start, end }` (cycles and shared objects once). */
function rangesThatAreNotCopies(root: unknown): string[] {
  const bad: string[] = [];
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[root, '$']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      if (/(?:^r|R)ange$/.test(key) && typeof child === 'object' && child !== null) {
        const keys = Object.keys(child).sort().join(',');
        if (keys !== 'end,start') bad.push(`${path}.${key} has {${keys}}`);
      }
      stack.push([child, `${path}.${key}`]);
    }
  }
  return bad;
}

describe('architecture: ranges are copies, never syntax nodes', () => {
  const documents = [...documentsUnder(join(ROOT, 'examples')), ...documentsUnder(join(ROOT, 'test', 'fixtures'))];

  it('holds for the model, the findings and their fixes of every example and fixture', () => {
    let ranges = 0;
    for (const file of documents) {
      const name = relative(ROOT, file);
      const analysis = Analysis.of({ name, text: readAnnotated(readFileSync(file, 'utf8')).text }, DEFAULT_SETTINGS);
      if (!analysis) continue;
      const fixes = analysis.findings.flatMap((f) => analysis.fixesFor(f));
      const bad = rangesThatAreNotCopies({ model: analysis.model, findings: analysis.findings, fixes });
      assert.deepEqual(bad.slice(0, 5), [], name);
      ranges += analysis.findings.length;
    }
    assert.ok(ranges > 100, `only ${ranges} findings were checked`);
  });

  it('holds for the faults of the Snippet runtime', () => {
    const faults = [
      'ASSIGN y = 1 / 0',
      'ASSIGN p = GetRESTProxy()\nASSIGN x = p.NoSuchProperty',
      'ASSIGN p = GetRESTProxy()\nASSIGN r = p.MakeRestRequest("https://api.example.com", "", 0)',
      'FOR i = 1 TO 100000 { ASSIGN n = i }',
      'ASSIGN a[0] = 1',
    ];
    for (const code of faults) {
      const { fault } = runCode(code, { limits: { maxSteps: 1000 } });
      assert.ok(fault, `${code}: a fault`);
      assert.deepEqual(rangesThatAreNotCopies({ fault }), [], code);
    }
  });
});
