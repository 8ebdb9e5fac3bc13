import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SimulationRefused, SimulationShown } from '../../../client/src/simulate-command';
import { closeAllEditors, DEADLINE_MS, open, poll, screenshot } from './helpers';

const COMMAND = 'studioTokenLens.simulateLongContact';
const VIEW_TYPE = 'studioTokenLens.simulation';

type Outcome = SimulationShown | SimulationRefused | undefined;

/** The view's tab (code-server prefixes webview view types). */
function simulationTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

function shown(outcome: Outcome): SimulationShown {
  assert.ok(outcome && 'summary' in outcome, `the command showed nothing: ${JSON.stringify(outcome)}`);
  assert.ok(outcome.rendered, 'the view did not report what it drew');
  assert.deepEqual(outcome.rendered.cspViolations, [], 'the content security policy blocked something');
  return outcome;
}

describe('Simulate Long Contact', () => {
  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('Pattern A export: the picture and the table show the expired-token requests and their 401s', async () => {
    const editor = await open('order-status-hold-loop-pattern-a.xml');
    // For the README screenshot: the SNIPPET that sends the token in view, and room for the picture beside it.
    const check = editor.document
      .getText()
      .split('\n')
      .findIndex((line) => line.includes('Each pass of the hold loop'));
    editor.revealRange(new vscode.Range(check - 3, 0, check - 3, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const outcome = shown(
      await vscode.commands.executeCommand<Outcome>(COMMAND, { durationSeconds: 7200, tokenLifetimeSeconds: 3600 }),
    );
    assert.deepEqual(outcome.summary, {
      tokenRequests: 1,
      apiRequests: 23,
      expiredTokenRequests: 11,
      status401: 11,
      runtimeErrors: 0,
    });
    const drawn = outcome.rendered!;
    assert.deepEqual(drawn.marks, { ok: 13, unauthorized: 11, otherStatus: 0, noAnswer: 0 });
    assert.equal(drawn.tokenLines, 1, 'one token, held for the whole call');
    assert.ok(drawn.expiryLine, 'no expiry line');
    assert.ok(drawn.bands > 40, `${drawn.bands} bands for the PLAY and ONHOLD actions of the hold loop`);
    assert.equal(drawn.expiredRows, 11);
    assert.equal(drawn.rows, 24 + drawn.bands, 'a table row per request and per long-running action');
    assert.equal(simulationTab()?.label, 'Simulation: order-status-hold-loop-pattern-a.xml');
    await screenshot('simulate-long-contact', 'iframe.webview.ready');
  });

  it('Strategy B .snippet: fresh tokens before expiry, no 401, nothing expired in picture or table', async () => {
    await open('strategy-b-cached-token.snippet');
    const outcome = shown(
      await vscode.commands.executeCommand<Outcome>(COMMAND, { durationSeconds: 5400, tokenLifetimeSeconds: 1800 }),
    );
    assert.equal(outcome.summary.expiredTokenRequests, 0);
    assert.equal(outcome.summary.status401, 0);
    const drawn = outcome.rendered!;
    assert.equal(drawn.marks.unauthorized, 0);
    assert.equal(drawn.expiredRows + drawn.unauthorizedRows, 0);
    assert.equal(drawn.marks.ok, outcome.summary.tokenRequests + outcome.summary.apiRequests);
    assert.equal(drawn.tokenLines, outcome.summary.tokenRequests);
    assert.ok(drawn.tokenLines >= 3, `${drawn.tokenLines} tokens in 90 minutes of 30-minute tokens`);
    assert.equal(drawn.bands, 0);
    assert.equal(simulationTab()?.label, 'Simulation: strategy-b-cached-token.snippet');
  });

  it('asks for the duration and the token lifetime, offering the last answers', async () => {
    await open('strategy-b-cached-token.snippet');
    const running = Promise.resolve(vscode.commands.executeCommand<Outcome>(COMMAND));
    let settled = false;
    void running.finally(() => (settled = true));
    // Accept each prompt as it comes (the remembered 1h30m, then 30m) until the command is done.
    await poll(
      'the command to finish after its two prompts',
      async () => {
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled ? true : undefined;
      },
      DEADLINE_MS * 2,
      100,
    );
    const outcome = shown(await running);
    assert.deepEqual([outcome.durationSeconds, outcome.tokenLifetimeSeconds], [5400, 1800]);
  });

  it('refuses a .studio file with the reason (the guide notation does not run in Studio)', async () => {
    await open('long-ivr-pattern-a.studio');
    const outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, {
      durationSeconds: 7200,
      tokenLifetimeSeconds: 3600,
    });
    assert.ok(outcome && 'refused' in outcome, JSON.stringify(outcome));
    assert.match(
      outcome.refused,
      /^Cannot simulate long-ivr-pattern-a\.studio: a \.studio file is in the guide notation/,
    );
  });
});
