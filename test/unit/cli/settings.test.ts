import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliFinding } from '../../../server/src/cli/cli-finding';
import {
  assertCliBundleIsFresh,
  LITERAL_SECRET_SNIPPET,
  ROOT,
  runBundle,
  tempFolder,
  UNCHECKED_STATUS_SNIPPET,
  removeTempFolders,
} from './cli-process';

function codes(stdout: string): string[] {
  return (JSON.parse(stdout) as CliFinding[]).map((f) => `${path.basename(f.file)} ${f.code} ${f.severity}`);
}

describe('studio-lint reads the editor settings', () => {
  before(assertCliBundleIsFresh);
  after(removeTempFolders);

  it('turns a rule off as the nearest .vscode/settings.json says (JSONC: comments, trailing commas)', () => {
    const dir = tempFolder({
      '.vscode/settings.json': [
        '{',
        '  // The CRM answers 200 with an error body; its status is checked in the next action.',
        '  "editor.tabSize": 2,',
        '  "studioTokenLens.rules": { "unchecked-auth-status": "off", },',
        '  /* block comments too */',
        '}',
      ].join('\n'),
      'scripts/lookup.snippet': UNCHECKED_STATUS_SNIPPET,
    });
    const result = runBundle(['--format', 'json', dir]);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(codes(result.stdout), ['lookup.snippet token-reuse-without-expiry warning']);
  });

  it('applies each folder its own settings in one run, and the defaults where no settings file is above', () => {
    const dir = tempFolder({
      'quiet/.vscode/settings.json': '{ "studioTokenLens.rules": { "unchecked-auth-status": "off" } }',
      'quiet/lookup.snippet': UNCHECKED_STATUS_SNIPPET,
      'strict/.vscode/settings.json':
        '{ "studioTokenLens.rules": { "unchecked-auth-status": "error", "token-reuse-without-expiry": "hint" } }',
      'strict/deep/er/lookup.snippet': UNCHECKED_STATUS_SNIPPET,
      'plain/lookup.snippet': UNCHECKED_STATUS_SNIPPET,
    });
    const result = runBundle(['--format', 'json', dir]);
    assert.equal(result.stderr, '');
    const byFolder = (JSON.parse(result.stdout) as CliFinding[]).map(
      (f) => `${path.relative(dir, f.file).split(path.sep)[0]} ${f.code} ${f.severity}`,
    );
    assert.deepEqual(byFolder.sort(), [
      'plain token-reuse-without-expiry warning',
      'plain unchecked-auth-status warning',
      'quiet token-reuse-without-expiry warning',
      'strict token-reuse-without-expiry hint',
      'strict unchecked-auth-status error',
    ]);
  });

  it('uses --config for every file instead of any .vscode/settings.json', () => {
    const dir = tempFolder({
      '.vscode/settings.json': '{ "studioTokenLens.rules": { "unchecked-auth-status": "error" } }',
      'lookup.snippet': UNCHECKED_STATUS_SNIPPET,
      'ci-settings.jsonc': [
        '{',
        '  // CI: the age of the token is checked elsewhere',
        '  "studioTokenLens.rules": {',
        '    "token-reuse-without-expiry": "off",',
        '  },',
        '}',
        '',
      ].join('\n'),
    });
    const result = runBundle(['--format', 'json', '--config', path.join(dir, 'ci-settings.jsonc'), dir]);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(codes(result.stdout), ['lookup.snippet unchecked-auth-status warning']);
  });

  it('uses the settings for fixes too (the secure variable name of the moved secret)', () => {
    const dir = tempFolder({
      '.vscode/settings.json': '{ "studioTokenLens.secretVariableName": "IVR_CLIENT_SECRET" }',
      'token.snippet': LITERAL_SECRET_SNIPPET,
    });
    const result = runBundle(['--fix', dir]);
    assert.notEqual(result.status, 2, result.stderr);
    const fixed = fs.readFileSync(path.join(dir, 'token.snippet'), 'utf8');
    assert.match(fixed, /\{IVR_CLIENT_SECRET\}/);
    assert.doesNotMatch(fixed, /SECURE_CLIENT_SECRET/);
  });

  it('exits 2 naming the file, line and key of an unknown setting or an invalid value, and lints nothing', () => {
    const dir = tempFolder({
      '.vscode/settings.json': [
        '{',
        '  "studioTokenLens.bufferSecs": 60,',
        '  "studioTokenLens.rules": { "unchecked-auth-status": "loud" },',
        '  "studioTokenLens.jitter.minSeconds": -5,',
        '}',
      ].join('\n'),
      'lookup.snippet': UNCHECKED_STATUS_SNIPPET,
    });
    const result = runBundle([dir]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    const settingsFile = path.join(dir, '.vscode', 'settings.json');
    const lines = result.stderr.split('\n');
    const about = (key: string): string | undefined => lines.find((l) => l.includes(` ${key} `));
    assert.match(
      about('studioTokenLens.bufferSecs') ?? '',
      new RegExp(`^studio-lint: ${settingsFile}:2:3: .*not a setting`),
    );
    assert.match(
      about('studioTokenLens.rules') ?? '',
      /:3:3: studioTokenLens\.rules level of "unchecked-auth-status" must be one of off, error/,
    );
    assert.match(about('studioTokenLens.jitter.minSeconds') ?? '', /:4:3: .*from 0 to 86400, not -5/);
    assert.match(result.stderr, /nothing was linted/);
  });

  it('exits 2 on an unknown diagnostic code and on a settings file that is not JSON', () => {
    const unknownCode = tempFolder({
      '.vscode/settings.json': '{ "studioTokenLens.rules": { "unchecked-status": "off" } }',
      'lookup.snippet': UNCHECKED_STATUS_SNIPPET,
    });
    const first = runBundle([unknownCode]);
    assert.equal(first.status, 2);
    assert.match(
      first.stderr,
      /settings\.json:1:3: studioTokenLens\.rules "unchecked-status" is not a diagnostic code/,
    );
    const broken = tempFolder({ 'settings.json': '{ "studioTokenLens.rules": { "unchecked-auth-status": "off" ' });
    const second = runBundle(['--config', path.join(broken, 'settings.json'), unknownCode]);
    assert.equal(second.status, 2);
    assert.match(second.stderr, /settings\.json:1:\d+: is not valid JSON: CloseBraceExpected/);
    const missing = runBundle(['--config', path.join(broken, 'nope.json'), unknownCode]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.json:1:1: cannot read: ENOENT/);
  });

  it('matches token endpoint patterns in linear time: (a+)+$ against a long URL does not freeze the run', () => {
    const url = `https://idp.example.com/${'a'.repeat(50_000)}!`;
    const dir = tempFolder({
      '.vscode/settings.json': '{ "studioTokenLens.tokenEndpointPatterns": ["(a+)+$", "/issue-credential$"] }',
      'token.snippet': [
        'ASSIGN proxy = GetRESTProxy()',
        `ASSIGN reply = proxy.MakeRestRequest("${url}", "", 0, "POST")`,
        'ASSIGN other = proxy.MakeRestRequest("https://idp.example.com/issue-credential", "grant=1", 0, "POST")',
        'ASSIGN accessToken = other.access_token',
        '',
      ].join('\n'),
    });
    const result = runBundle(['--format', 'json', dir], { timeoutMs: 20_000 });
    assert.equal(result.timedOut, false, 'studio-lint hung on a catastrophic-backtracking pattern');
    assert.notEqual(result.status, 2, result.stderr);
  });

  it('keeps the analysis the server runs responsive with (a+)+$ in its settings (sanitizeSettings keeps it)', () => {
    // In a child process with a deadline: a backtracking matcher never returns, and nothing can interrupt it.
    const program = `
      const { sanitizeSettings } = require('./server/src/common/settings');
      const { lintText } = require('./server/src/service/lint');
      const settings = sanitizeSettings({ tokenEndpointPatterns: ['(a+)+$'] });
      const url = 'https://idp.example.com/' + 'a'.repeat(50000) + '!';
      const text =
        'ASSIGN proxy = GetRESTProxy()\\n' +
        'ASSIGN reply = proxy.MakeRestRequest("' + url + '", "", 0, "POST")\\n';
      const linted = lintText('token.snippet', undefined, text, settings);
      process.stdout.write(JSON.stringify({ kept: settings.tokenEndpointPatterns, linted: linted !== undefined }));
    `;
    const child = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', program], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    assert.equal(child.signal, null, 'the analysis did not finish: catastrophic backtracking');
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { kept: ['(a+)+$'], linted: true });
  });

  it('reports patterns that cannot be matched in linear time or are too long, and exits 2', () => {
    const dir = tempFolder({
      '.vscode/settings.json': JSON.stringify({
        'studioTokenLens.tokenEndpointPatterns': ['/token$', '(?=.*token)', `/${'x'.repeat(300)}`, '(unclosed'],
      }),
      'lookup.snippet': UNCHECKED_STATUS_SNIPPET,
    });
    const result = runBundle([dir]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /studioTokenLens\.tokenEndpointPatterns\[1\] "\(\?=\.\*token\)" cannot be matched in linear time/,
    );
    assert.match(
      result.stderr,
      /studioTokenLens\.tokenEndpointPatterns\[2\] .* is 301 characters long; the limit is 256/,
    );
    assert.match(
      result.stderr,
      /studioTokenLens\.tokenEndpointPatterns\[3\] "\(unclosed" is not a valid regular expression/,
    );
    assert.doesNotMatch(result.stderr, /tokenEndpointPatterns\[0\]/);
  });
});
