import * as assert from 'node:assert/strict';
import { formatDuration, MAX_DURATION_SECONDS, parseDuration } from '../../../client/src/durations';
import { escapeJsonForScript, simulationHtml } from '../../../client/src/simulation-html';
import { SIMULATION_DATA_ID } from '../../../client/src/simulation-messages';

/** The parts of "Simulate Long Contact" that need no VS Code: its duration prompts and the view's page. */
describe('Simulate Long Contact: prompts and page', () => {
  it('reads durations as seconds or hours, minutes and seconds', () => {
    const read = ['7200', ' 2h ', '90m', '1h30m', '1h 30m 15s', '1.5h', '45s', '0.5', '2H'].map(parseDuration);
    assert.deepEqual(read, [7200, 7200, 5400, 5400, 5415, 5400, 45, 0.5, 7200]);
  });

  it('refuses what is no duration, or out of the server’s range', () => {
    for (const text of [
      '',
      'h',
      '2 hours',
      '30m1h',
      '1h1h',
      '-5',
      '0',
      '0h',
      '1e3',
      '2h-',
      `${MAX_DURATION_SECONDS + 1}`,
      '11d',
    ]) {
      assert.equal(parseDuration(text), undefined, JSON.stringify(text));
    }
    assert.equal(parseDuration(String(MAX_DURATION_SECONDS)), MAX_DURATION_SECONDS);
  });

  it('writes a remembered duration the way it reads it back', () => {
    const seconds = [7200, 3600, 5400, 5415, 45, 90.5, 86_400, 1];
    assert.deepEqual(seconds.map(formatDuration), ['2h', '1h', '1h30m', '1h30m15s', '45s', '1m30.5s', '24h', '1s']);
    for (const s of seconds) assert.equal(parseDuration(formatDuration(s)), s);
  });

  const page = (reportJson: string): string =>
    simulationHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: 'bm9uY2Utb2YtdGhpcy1wYWdl',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/out/simulation-view.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/client/out/simulation-view.css',
      title: 'Simulation: order-status-hold-loop-pattern-a.xml',
      reportJson,
    });

  it('serves the page under a policy that allows only the view’s own script and stylesheet', () => {
    const html = page('{"requests":[]}');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; " +
        "img-src https://file+.vscode-resource.vscode-cdn.net data:; script-src 'nonce-bm9uY2Utb2YtdGhpcy1wYWdl'",
    );
    assert.doesNotMatch(html, /unsafe-|style="|<style|\son[a-z]+=/i, 'inline style, handler or unsafe source');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!.trim());
    assert.deepEqual(scripts, [
      `type="application/json" id="${SIMULATION_DATA_ID}"`,
      'nonce="bm9uY2Utb2YtdGhpcy1wYWdl" ' +
        'src="https://file+.vscode-resource.vscode-cdn.net/ext/client/out/simulation-view.js"',
    ]);
  });

  it('embeds the report so that no text in it can end the data block', () => {
    const report = {
      requests: [{ url: 'https://api.example.com/x?q=</script><script>alert(1)</script>', action: 'SNIPPET 7 "<!--"' }],
    };
    const json = JSON.stringify(report);
    const html = page(json);
    const block = new RegExp(`<script type="application/json" id="${SIMULATION_DATA_ID}">([\\s\\S]*?)</script>`).exec(
      html,
    );
    assert.ok(block);
    assert.deepEqual(JSON.parse(block[1]!), report);
    assert.equal(html.match(/<script\b/g)?.length, 2, 'the report opened a script element');
    assert.equal(escapeJsonForScript('"a<b"'), '"a\\u003cb"');
  });
});
