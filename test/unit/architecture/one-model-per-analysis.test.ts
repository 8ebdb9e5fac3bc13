import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { flowModelBuildCount } from '../../../server/src/analysis/build-flow-model';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../../server/src/common/settings';
import { Analysis } from '../../../server/src/service';
import { readAnnotated } from '../../helpers/annotated';
import { documentsUnder } from '../../helpers/fixture-texts';

const ROOT = resolve(__dirname, '..', '..', '..');

const DOCUMENTS = [...documentsUnder(join(ROOT, 'examples')), ...documentsUnder(join(ROOT, 'test', 'fixtures'))];

describe('architecture: one flow model per analysis', () => {
  it('counts model builds (a new analysis builds one when its findings are asked for, once)', () => {
    const before = flowModelBuildCount();
    const analysis = Analysis.of({ name: 'a.snippet', text: 'ASSIGN x = 1\n' }, DEFAULT_SETTINGS)!;
    void analysis.findings;
    void analysis.findings;
    assert.equal(flowModelBuildCount(), before + 1);
    void analysis.withSettings(sanitizeSettings({ bufferSeconds: 120 })).findings;
    assert.equal(flowModelBuildCount(), before + 2, 'other settings: another model');
  });

  for (const jitter of [false, true]) {
    it(`quick fixes and fix-all of every example and fixture build no model${jitter ? ' (jitter on)' : ''}`, () => {
      const settings = sanitizeSettings({ jitter: { enabled: jitter } });
      let fixes = 0;
      for (const file of DOCUMENTS) {
        const text = readAnnotated(readFileSync(file, 'utf8')).text;
        const analysis = Analysis.of({ name: relative(ROOT, file), text }, settings);
        if (!analysis) continue;
        const findings = analysis.findings;
        const built = flowModelBuildCount();
        for (const finding of findings) fixes += analysis.fixesFor(finding).length;
        analysis.preferredFixes();
        assert.equal(flowModelBuildCount(), built, `${relative(ROOT, file)}: a fix built a model`);
      }
      assert.ok(fixes > 100, `only ${fixes} fixes were computed`);
    });
  }
});
