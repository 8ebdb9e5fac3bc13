import * as assert from 'node:assert/strict';
import { flowModelBuildCount } from '../../../server/src/analysis/build-flow-model';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { startJitWarmUp, WARM_UP_RUNS, warmUpRunsOf } from '../../../server/src/lsp/jit-warm-up';
import { WARM_UP_SAMPLE } from '../../../server/src/lsp/warm-up-sample';
import { Analysis } from '../../../server/src/service/analysis';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('JIT warm-up in idle time (lsp/jit-warm-up.ts)', () => {
  it('lints a sample that is valid Snippet and meets several rules, as real token code does', () => {
    const analysis = Analysis.of({ name: 'warm-up.snippet', text: WARM_UP_SAMPLE }, DEFAULT_SETTINGS);
    assert.ok(analysis);
    const codes = new Set(analysis.findings.map((f) => f.code));
    assert.ok(!codes.has('syntax-error'), `syntax errors: ${JSON.stringify(analysis.findings.slice(0, 2))}`);
    assert.ok(codes.size >= 3, `only ${[...codes].join(', ')}`);
  });

  it('runs the analysis the given number of times, one model per run, then settles', async () => {
    const before = flowModelBuildCount();
    await startJitWarmUp(4).done;
    assert.equal(flowModelBuildCount(), before + 4);
  });

  it('waits for a quiet moment after start and after each document event; stop ends it before the next run', async () => {
    const before = flowModelBuildCount();
    const warmUp = startJitWarmUp(50);
    warmUp.noteActivity();
    await nextTurn();
    await nextTurn();
    assert.equal(flowModelBuildCount(), before, 'a run went ahead right after start and a document event');
    warmUp.stop();
    await warmUp.done;
    assert.equal(flowModelBuildCount(), before, 'a run went ahead after stop');
  });

  it('takes its run count from STUDIO_LSP_WARM_UP_RUNS when that is a whole number (0 turns it off)', () => {
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: '0' }), 0);
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: '12' }), 12);
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: 'many' }), WARM_UP_RUNS);
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: '-1' }), WARM_UP_RUNS);
    assert.equal(warmUpRunsOf({}), WARM_UP_RUNS);
  });
});
