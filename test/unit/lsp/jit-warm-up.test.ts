import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowModelBuildCount } from '../../../server/src/analysis/build-flow-model';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { startJitWarmUp, WARM_UP_RUNS, warmUpRunsOf } from '../../../server/src/lsp/jit-warm-up';
import {
  WARM_UP_COPIES,
  WARM_UP_EXPORT_COPIES,
  WARM_UP_SAMPLE,
  warmUpExport,
  warmUpText,
} from '../../../server/src/lsp/warm-up-sample';
import { snippetCharactersModelled } from '../../../server/src/service';
import { Analysis } from '../../../server/src/service/analysis';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('JIT warm-up in idle time (lsp/jit-warm-up.ts)', () => {
  it('lints a sample that is valid Snippet and meets several rules, as real token code does', () => {
    const analysis = Analysis.of({ name: 'warm-up.snippet', text: WARM_UP_SAMPLE }, DEFAULT_SETTINGS);
    assert.ok(analysis);
    const codes = new Set(analysis.findings.map((f) => f.code));
    assert.ok(!codes.has('syntax-error'), `syntax errors: ${JSON.stringify(analysis.findings.slice(0, 2))}`);
    assert.ok(codes.size >= 3, `only ${[...codes].join(', ')}`);
  });

  it('lints the sample several times over in one text, each copy with its own FUNCTION, with no syntax error', () => {
    const text = warmUpText();
    assert.ok(WARM_UP_COPIES >= 2);
    const firstLine = WARM_UP_SAMPLE.slice(0, WARM_UP_SAMPLE.indexOf('\n'));
    assert.equal(text.split('\n').filter((line) => line === firstLine).length, WARM_UP_COPIES);
    const analysis = Analysis.of({ name: 'warm-up.snippet', text }, DEFAULT_SETTINGS);
    assert.ok(analysis);
    assert.deepEqual(
      analysis.findings.filter((f) => f.code === 'syntax-error'),
      [],
    );
    const functions = [...text.matchAll(/^FUNCTION (\w+)/gm)].map((m) => m[1]);
    assert.equal(new Set(functions).size, WARM_UP_COPIES, functions.join(', '));
  });

  it('has the sample as a Studio export too: its parts as SNIPPET actions, a MENU or a WAIT after each', () => {
    const analysis = Analysis.of({ name: 'warm-up.xml', text: warmUpExport() }, DEFAULT_SETTINGS);
    assert.ok(analysis?.kind === 'export');
    const parts = WARM_UP_SAMPLE.split(/\n(?=\/\/ )/).length;
    assert.equal(analysis.snippetActions().length, parts * WARM_UP_EXPORT_COPIES);
    const codes = analysis.findings.map((f) => f.code);
    assert.ok(!codes.includes('syntax-error'), codes.join(', '));
    // The token fetched in the first action is sent after a MENU in a later one: the flow across actions is read.
    const reuse = analysis.findings.find((f) => f.code === 'token-reuse-without-expiry');
    assert.match(reuse?.message ?? '', /MENU/);
  });

  it('edits the sample as a .snippet and as an export in turn until a document says which', async () => {
    const before = snippetCharactersModelled();
    await startJitWarmUp(2).done;
    // Each document's first edit types one character.
    assert.equal(snippetCharactersModelled() - before, warmUpText().length + 1 + warmUpExport().length + 1);
    const again = snippetCharactersModelled();
    const warmUp = startJitWarmUp(2);
    warmUp.noteActivity('export');
    await warmUp.done;
    // An export was opened: both runs edit the export (a character typed, then taken out).
    assert.equal(snippetCharactersModelled() - again, 2 * warmUpExport().length + 1);
  });

  it('runs the analysis the given number of times, one model per run, then settles', async () => {
    const before = flowModelBuildCount();
    await startJitWarmUp(4).done;
    assert.equal(flowModelBuildCount(), before + 4);
  });

  it('counts Snippet modelled meanwhile toward its goal: documents opened at start spare sample runs', async () => {
    const before = flowModelBuildCount();
    const warmUp = startJitWarmUp(4);
    // Before the first run (it waits for quiet after start): a .snippet of two samples' worth, and a guide document
    // of more than four (the guide's notation runs other code: it does not count).
    Analysis.of({ name: 'opened.snippet', text: `${warmUpText()}\n${warmUpText()}` }, DEFAULT_SETTINGS)?.findings;
    const guide = fs.readFileSync(path.join(FIXTURES, 'guide', 'pattern-a-token-once.studio'), 'utf8');
    const guideText = guide.repeat(Math.ceil((5 * warmUpText().length) / guide.length));
    Analysis.of({ name: 'opened.studio', text: guideText }, DEFAULT_SETTINGS)?.findings;
    await warmUp.done;
    assert.equal(flowModelBuildCount(), before + 2 + 2, 'two sample runs were left to do');
  });

  it('waits for quiet after start and after each document event; stop ends it before the next run', async () => {
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

  it('runs nothing while a pull is busy, however long it pauses for the event loop', async () => {
    // A clock the test moves, and timers it fires by hand.
    let time = 0;
    const waiting: (() => void)[] = [];
    const fireTimers = (): void => {
      for (const callback of waiting.splice(0)) callback();
    };
    const before = flowModelBuildCount();
    const warmUp = startJitWarmUp(1, { now: () => time, later: (callback) => waiting.push(callback) });
    let finish = (): void => {};
    const pull = warmUp.whileBusy(() => new Promise<void>((resolve) => (finish = resolve)));
    await nextTurn();
    time += 1_000; // long past the quiet time, but the pull is still busy
    fireTimers();
    fireTimers();
    assert.equal(flowModelBuildCount(), before, 'a run went ahead during a busy pull');
    assert.equal(waiting.length, 1, 'the warm-up stopped waiting instead of trying again later');
    finish();
    await pull;
    time += 1_000;
    fireTimers();
    await warmUp.done;
    assert.equal(flowModelBuildCount(), before + 1, 'the run went ahead once the pull had settled');
  });

  it('takes its run count from STUDIO_LSP_WARM_UP_RUNS when that is a whole number (0 turns it off)', () => {
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: '0' }), 0);
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: '12' }), 12);
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: 'many' }), WARM_UP_RUNS);
    assert.equal(warmUpRunsOf({ STUDIO_LSP_WARM_UP_RUNS: '-1' }), WARM_UP_RUNS);
    assert.equal(warmUpRunsOf({}), WARM_UP_RUNS);
  });
});
