import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, ROOT, TestClient } from './lsp-client';

const CLIENT_BUNDLE = path.join(ROOT, 'client', 'out', 'extension.js');
const NETWORK_IN_BUNDLE = /require\("(?:node:)?(?:https?|http2|tls|dgram|dns|undici)"\)|\bfetch\(/;

describe('protocol: nothing leaves the machine', () => {
  before(assertBundleIsFresh);

  it('bundles no HTTP, TLS or DNS module and no fetch call in the server or the client', () => {
    for (const bundle of [
      path.join(ROOT, 'server', 'out', 'server.js'),
      path.join(ROOT, 'server', 'out', 'cli.js'),
      CLIENT_BUNDLE,
    ]) {
      const text = fs.readFileSync(bundle, 'utf8');
      assert.doesNotMatch(text, NETWORK_IN_BUNDLE, `${path.relative(ROOT, bundle)} references a network module`);
    }
  });

  it('has a guard that notices network use (so the next test can fail)', () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'network-guard-')), 'attempts.log');
    fs.writeFileSync(log, '');
    spawnSync(
      process.execPath,
      [
        '--require',
        path.join(__dirname, 'network-guard.cjs'),
        '-e',
        'require("https"); try { require("net").connect(9, "127.0.0.1") } catch {}',
      ],
      {
        env: { ...process.env, NETWORK_GUARD_LOG: log },
      },
    );
    assert.equal(fs.readFileSync(log, 'utf8'), 'load https\nnet.connect\n');
  });

  it('decodes a JWT in a hover and lints every kind of document without any network access', async () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'network-guard-')), 'attempts.log');
    fs.writeFileSync(log, '');
    const client = await TestClient.start({
      capabilities: PULL_CAPABILITIES,
      nodeArgs: ['--require', path.join(__dirname, 'network-guard.cjs')],
      env: { ...process.env, NETWORK_GUARD_LOG: log },
    });
    try {
      const jwt = await new SignJWT({ sub: 'studio-ivr', scope: 'crm.read' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'https://idp.example.com/.well-known/jwks.json' })
        .setIssuedAt(1_700_000_000)
        .setExpirationTime(1_700_003_600)
        .sign(new TextEncoder().encode('a-test-key-that-is-long-enough-for-hs256'));
      const text = `ASSIGN proxy = GetRESTProxy()\nproxy.AddHeader("Authorization", "Bearer ${jwt}")\n`;
      const uri = fileUri('pasted-token.snippet');
      await client.open(uri, 'cxone-snippet', text);
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: text.split('\n')[1]!.indexOf('eyJ') + 5 },
      })) as Hover | null;
      assert.ok(hover, 'expected a hover over the JWT');
      assert.match(JSON.stringify(hover.contents), /Signature not verified/);
      for (const name of ['guide/pattern-a-token-once.studio', 'export/token-at-begin-used-after-menu.xml']) {
        const fixtureUri = fileUri(path.basename(name));
        await client.open(
          fixtureUri,
          name.endsWith('.xml') ? 'xml' : 'cxone-studio',
          fs.readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8'),
        );
        await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: fixtureUri } });
      }
    } finally {
      await client.dispose();
    }
    assert.equal(fs.readFileSync(log, 'utf8'), '', 'the server tried to use the network');
  });
});
