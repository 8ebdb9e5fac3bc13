import * as assert from 'node:assert/strict';
import { maskSecret } from '../../../server/src/common/mask';
import { redirectConsole, type LogSink } from '../../../server/src/lsp/console-redirect';
import { scrubSecrets } from '../../../server/src/lsp/log-scrubber';

/** A JWT-shaped test value built here (no real credential): header {"alg":"HS256","typ":"JWT"}. */
const JWT = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"svc-ivr","exp":1700000000}').toString('base64url'),
  'c2lnbmF0dXJlLW5vdC1yZWFs',
].join('.');

describe('log scrubber', () => {
  it('masks a JWT anywhere in a line', () => {
    assert.equal(scrubSecrets(`hover for ${JWT} took 3 ms`), `hover for ${maskSecret(JWT)} took 3 ms`);
  });

  it('masks a JWE (five parts) as one value', () => {
    const header = Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url');
    const jwe = `${header}..aXYtaXYtaXY.Y2lwaGVy.dGFnLXRhZw`;
    assert.equal(scrubSecrets(`token=${jwe};`), `token=${maskSecret(jwe)};`);
  });

  it('masks a bearer value once, even when it is a JWT', () => {
    assert.equal(
      scrubSecrets(`proxy.AddHeader("Authorization", "Bearer ${JWT}")`),
      `proxy.AddHeader("Authorization", "Bearer ${maskSecret(JWT)}")`,
    );
    assert.equal(
      scrubSecrets('Authorization: bearer 8f14e45fceea167a5a36dedd4bea2543'),
      `Authorization: bearer ${maskSecret('8f14e45fceea167a5a36dedd4bea2543')}`,
    );
  });

  it('masks client_secret values in form bodies and JSON', () => {
    assert.equal(
      scrubSecrets('grant_type=client_credentials&client_id=ivr&client_secret=s3cr3t-Value-42&scope=api'),
      `grant_type=client_credentials&client_id=ivr&client_secret=${maskSecret('s3cr3t-Value-42')}&scope=api`,
    );
    assert.equal(
      scrubSecrets('{"client_secret": "abc123def456"}'),
      `{"client_secret": "${maskSecret('abc123def456')}"}`,
    );
    assert.equal(scrubSecrets('password=hunter2'), `password=${maskSecret('hunter2')}`);
  });

  it('keeps secure-variable substitutions readable: they are names, not secrets', () => {
    const line = 'client_secret={SECURE_CLIENT_SECRET}&client_id={SECURE_CLIENT_ID}';
    assert.equal(scrubSecrets(line), line);
  });

  it('leaves ordinary lines alone', () => {
    const lines = [
      'Studio Token Lens 0.1.0 ready (pull diagnostics).',
      'textDocument/hover failed: TypeError: cannot read properties of undefined',
      'file:///work/scripts/lookup.snippet',
      'ASSIGN result = proxy.MakeRestRequest(url, payload, 0, "POST")',
      'eyJ is how a JWT starts',
    ];
    for (const line of lines) assert.equal(scrubSecrets(line), line);
  });

  it('never shows more than four characters of a masked value', () => {
    const scrubbed = scrubSecrets(`Bearer ${JWT} client_secret=abcdefghijklmnop ${JWT}`);
    assert.ok(!scrubbed.includes(JWT.slice(0, 5)));
    assert.ok(!scrubbed.includes('abcde'));
  });
});

describe('console redirect', () => {
  function capture(): { sink: LogSink; lines: [string, string][]; target: Console } {
    const lines: [string, string][] = [];
    const sink: LogSink = {
      error: (m) => lines.push(['error', m]),
      warn: (m) => lines.push(['warn', m]),
      info: (m) => lines.push(['info', m]),
      log: (m) => lines.push(['log', m]),
    };
    // A private console object: the real one stays untouched so mocha keeps reporting.
    const target = { ...console } as Console;
    redirectConsole(sink, target);
    return { sink, lines, target };
  }

  it('sends every console method to the sink, formatted like console and scrubbed', () => {
    const { lines, target } = capture();
    target.log('opened %s (%d lines)', 'a.snippet', 12);
    target.info('Bearer', JWT);
    target.warn({ client_secret: 'abcdefghijkl' });
    target.error(new Error(`bad token ${JWT}`).message);
    target.debug('debug line');
    assert.deepEqual(lines, [
      ['log', 'opened a.snippet (12 lines)'],
      ['info', `Bearer ${maskSecret(JWT)}`],
      ['warn', `{ client_secret: '${maskSecret('abcdefghijkl')}' }`],
      ['error', `bad token ${maskSecret(JWT)}`],
      ['log', 'debug line'],
    ]);
  });

  it('reports failed assertions only', () => {
    const { lines, target } = capture();
    target.assert(true, 'fine');
    target.assert(false, 'broken');
    assert.deepEqual(lines, [['error', 'Assertion failed: broken']]);
  });
});
