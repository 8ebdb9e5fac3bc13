import type { DiagnosticCode } from '../codes';
import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { fixAllText, lintText } from '../../service/lint';
import { readExport } from '../../syntax/export/read-export';
import { checkFix, lines, read } from '../../../../test/helpers/check-fix';

const TITLE = 'Move the secret out of the script';
/** What NICE documents (issue 12, point 12): no "Secure Variables"; the Variables tab redacts; Integration Hub. */
const nameLine = (name: string, what?: string): string =>
  `// ${name}${what ? ` must hold ${what}:` : ':'} set it outside the script text and list it in the script's ` +
  'Variables tab so traces and logs redact it';
const HUB =
  '// Integration Hub keeps secrets too, but they cannot be read into a variable: there a CONNECTAUTH action ' +
  'makes the request';
const comment = (name: string, indent = '', eol = '\n'): string => `${nameLine(name)}${eol}${indent}${HUB}`;

/** Checks the fix and that the secret (the finding's text) appears nowhere in the result. */
function checkMoved(
  before: string,
  code: DiagnosticCode,
  expected: string | undefined,
  name: string,
  settings?: Record<string, unknown>,
): string {
  const result = checkFix(before, code, expected, { name, ...(settings ? { settings } : {}) });
  const secret = result.before.slice(result.finding.range.start, result.finding.range.end);
  assert.ok(secret.length > 0);
  assert.ok(!result.after.includes(secret), 'the secret is still in the text');
  assert.deepEqual(
    result.fixes.map((f) => [f.title, f.preferred]),
    [[TITLE, true]],
  );
  // Only the value is replaced; the rest of the edits are whole comment lines.
  for (const edit of result.fix.edits) {
    if (edit.range.start === edit.range.end)
      assert.match(edit.newText, /^(?:[ \t]*\/\/ (?:SECURE_\w+[: ]|Integration Hub )[^\r\n]*\r?\n)+$/);
    else assert.deepEqual(edit.range, result.finding.range);
  }
  return result.after;
}

describe('fix: hardcoded-secret / hardcoded-token', () => {
  it('Snippet: a client secret becomes {SECURE_CLIENT_SECRET}, with the comment above (full text)', () => {
    const before = lines(
      '\n',
      'ASSIGN client_secret = "$0s3cr3t-Xq9vLm2Rt7Wz"',
      'ASSIGN tokenProxy = GetRESTProxy()',
      'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
        '"grant_type=client_credentials&client_id={clientId}&client_secret={client_secret}", 0, "POST")',
    );
    const expected = lines(
      '\n',
      comment('SECURE_CLIENT_SECRET'),
      'ASSIGN client_secret = "{SECURE_CLIENT_SECRET}"',
      'ASSIGN tokenProxy = GetRESTProxy()',
      'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
        '"grant_type=client_credentials&client_id={clientId}&client_secret={client_secret}", 0, "POST")',
    );
    checkMoved(before, 'hardcoded-secret', expected, 'secret.snippet');
  });

  it(
    'Snippet: the setting names the client secret; passwords and API keys get names of their own; ' +
      'indentation kept',
    () => {
      const before = lines(
        '\r\n',
        'IF useSandbox = 1',
        '{',
        '\tASSIGN tokenBody = "grant_type=client_credentials&client_id=studio-ivr&client_secret=$0Pq7wXz9RtY2mKd4s"',
        '}',
      );
      const expected = lines(
        '\r\n',
        'IF useSandbox = 1',
        '{',
        `\t${comment('SECURE_CRM_SECRET', '\t', '\r\n')}`,
        '\tASSIGN tokenBody = "grant_type=client_credentials&client_id=studio-ivr&client_secret={SECURE_CRM_SECRET}"',
        '}',
      );
      checkMoved(before, 'hardcoded-secret', expected, 'secret.snippet', { secretVariableName: 'SECURE_CRM_SECRET' });
      // A member of a DYNAMIC object is a field of the JSON body it is sent as: a place that holds credentials.
      const password = checkMoved(
        'DYNAMIC TokenInput\nTokenInput.password = "$0MadeUpPassword-2024"\n',
        'hardcoded-secret',
        undefined,
        'password.snippet',
      );
      assert.equal(
        password,
        `DYNAMIC TokenInput\n${comment('SECURE_PASSWORD')}\nTokenInput.password = "{SECURE_PASSWORD}"\n`,
      );
      const apiKey = checkMoved(
        'ASSIGN searchUrl = "https://api.example-crm.com/v1/search?apiKey=$0AbCdEf0123456789&q={ANI}"\n',
        'hardcoded-secret',
        undefined,
        'key.snippet',
      );
      assert.equal(
        apiKey,
        `${comment('SECURE_API_KEY')}\nASSIGN searchUrl = ` +
          `"https://api.example-crm.com/v1/search?apiKey={SECURE_API_KEY}&q={ANI}"\n`,
      );
    },
  );

  it('Snippet: a bearer token keeps its "Bearer " prefix and moves to {SECURE_ACCESS_TOKEN} (full text)', () => {
    const before = lines(
      '\n',
      'ASSIGN proxy = GetRESTProxy()',
      'proxy.AddHeader("Authorization", "Bearer ' +
        '$0eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdnIiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.c2lnbmF0dXJl")',
    );
    const expected = lines(
      '\n',
      'ASSIGN proxy = GetRESTProxy()',
      comment('SECURE_ACCESS_TOKEN'),
      'proxy.AddHeader("Authorization", "Bearer {SECURE_ACCESS_TOKEN}")',
    );
    checkMoved(before, 'hardcoded-token', expected, 'token.snippet');
  });

  it('the guide notation: script-level lines, SNIPPET bodies and comments (full text)', () => {
    const before = lines(
      '\n',
      'ASSIGN strClientSecret = "$0s3cr3t-Xq9vLm2Rt7Wz";',
      'SNIPPET',
      'tokenReq.body = "grant_type=client_credentials&client_id=ivr&client_secret=Pq7wXz9RtY2mKd4s";',
      'END SNIPPET',
    );
    const after = checkMoved(before, 'hardcoded-secret', undefined, 'secret.studio');
    assert.equal(
      after,
      lines(
        '\n',
        comment('SECURE_CLIENT_SECRET'),
        'ASSIGN strClientSecret = "{SECURE_CLIENT_SECRET}";',
        'SNIPPET',
        'tokenReq.body = "grant_type=client_credentials&client_id=ivr&client_secret=Pq7wXz9RtY2mKd4s";',
        'END SNIPPET',
      ),
    );
    const inBody = checkMoved(
      before.replace('$0', '').replace('secret=Pq7w', 'secret=$0Pq7w'),
      'hardcoded-secret',
      undefined,
      'secret.studio',
    );
    assert.ok(
      inBody.includes(
        `SNIPPET\n${comment('SECURE_CLIENT_SECRET')}\ntokenReq.body = ` +
          `"grant_type=client_credentials&client_id=ivr&client_secret={SECURE_CLIENT_SECRET}";\n`,
      ),
    );

    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdnIiLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl';
    const inComment = checkMoved(
      lines(
        '\n',
        'SNIPPET',
        `\t// curl -H "Authorization: Bearer $0${jwt}" ...`,
        '\tvar req = new CXone.HttpRequest();',
        'END SNIPPET',
      ),
      'hardcoded-token',
      undefined,
      'token.studio',
    );
    assert.equal(
      inComment,
      lines(
        '\n',
        'SNIPPET',
        `\t${comment('SECURE_ACCESS_TOKEN', '\t')}`,
        '\t// curl -H "Authorization: Bearer {SECURE_ACCESS_TOKEN}" ...',
        '\tvar req = new CXone.HttpRequest();',
        'END SNIPPET',
      ),
    );
  });

  it('XML export: the literal across &amp; is replaced inside the <string>; CRLF kept (full text)', () => {
    const before = read('rules/hardcoded-secret/literal-secrets-export.xml').replace(/\r?\n[ \t]*\^+[^\r\n]*/g, '');
    const marked = before.replace('"Tr0ub4dor', '"$0Tr0ub4dor');
    const expected = before.replace(
      '<string>ASSIGN password = "Tr0ub4dor&amp;3-Horse"',
      `<string>${comment('SECURE_PASSWORD', '', '\r\n')}\r\nASSIGN password = "{SECURE_PASSWORD}"`,
    );
    const after = checkMoved(marked, 'hardcoded-secret', expected, 'secrets.xml');
    assert.ok(!after.includes('Tr0ub4dor'));
    assert.ok(
      readExport(after)!.snippets[0]!.code.startsWith(
        `${comment('SECURE_PASSWORD', '', '\r\n')}\r\nASSIGN password = "{SECURE_PASSWORD}"\r\n`,
      ),
    );
  });

  it(
    'several literals in one statement: one comment per name, the same whether fixed one by one or all ' + 'at once',
    () => {
      const text = 'var settings = { client_secret: "Zx8-live-7f3a9c2e41b6", password: "Rk4v9Lq2Xz7Wm3Pa" };\n';
      const studio = `SNIPPET\n${text}END SNIPPET\n`;
      const all = fixAllText('settings.studio', undefined, studio, DEFAULT_SETTINGS).text;
      assert.equal(
        all,
        [
          'SNIPPET',
          nameLine('SECURE_CLIENT_SECRET'),
          nameLine('SECURE_PASSWORD'),
          HUB,
          'var settings = { client_secret: "{SECURE_CLIENT_SECRET}", password: "{SECURE_PASSWORD}" };',
          'END SNIPPET',
          '',
        ].join('\n'),
      );
      // One by one (the second fix computed on the first one's result) gives the same text.
      const first = checkFix(studio.replace('"Zx8', '"$0Zx8'), 'hardcoded-secret', undefined, {
        name: 'settings.studio',
      }).after;
      const second = checkFix(first.replace('"Rk4v', '"$0Rk4v'), 'hardcoded-secret', undefined, {
        name: 'settings.studio',
      }).after;
      assert.equal(second, all);
    },
  );

  it('fix-all leaves no secret of the fixtures in the text', () => {
    for (const [file, secrets] of [
      [
        'rules/hardcoded-secret/literal-credentials.snippet',
        [
          's3cr3t-Xq9vLm2Rt7Wz',
          'MadeUpPassword-2024',
          'k-93f0c1d2e4a5b6c7d8e9',
          'Pq7wXz9RtY2mKd4s',
          'AbCdEf0123456789',
          'Winter2024!',
        ],
      ],
      [
        'analysis/guide/literal-client-secret.studio',
        ['s3cr3t-Xq9vLm2Rt7Wz', 'Zx8-live-7f3a9c2e41b6', 'ak_live_51HqTz2eZvKYlo2C', 'Winter2024!'],
      ],
      [
        'analysis/guide/jwt-literal-in-header.studio',
        ['adc3f19be77d4c2aa0e6c1f8d9b24e71', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdnIiLCJpYXQiOjE3MDAwMDAwMDB9'],
      ],
    ] as const) {
      const text = read(file).replace(/\r?\n[ \t]*\^+[^\r\n]*/g, '');
      const fixed = fixAllText(file, undefined, text, DEFAULT_SETTINGS).text;
      for (const secret of secrets)
        assert.ok(!fixed.includes(secret), `${file}: ${secret.slice(0, 4)}… is still there`);
      // What is left is only what the rule is not sure of: warnings, each with a fix the author may choose.
      const analysis = lintText(file, undefined, fixed, DEFAULT_SETTINGS)!;
      const left = analysis.findings.filter((f) => f.code === 'hardcoded-secret' || f.code === 'hardcoded-token');
      for (const finding of left) {
        assert.equal(finding.severity, 'warning', `${file}: ${finding.message}`);
        assert.deepEqual(
          analysis.analysis.fixesFor(finding).map((f) => [f.title, f.preferred]),
          [[TITLE, false]],
        );
      }
    }
  });

  it('a secret only its name points at is offered, never moved by fix-all (issue 13)', () => {
    const text =
      'SNIPPET\nvar settings = { client_secret: "{SECURE_CLIENT_SECRET}", password: "hunter2-prod" };\nEND SNIPPET\n';
    assert.equal(fixAllText('settings.studio', undefined, text, DEFAULT_SETTINGS).text, text);
    const [finding, ...rest] = lintText('settings.studio', undefined, text, DEFAULT_SETTINGS)!.findings;
    assert.deepEqual(rest, []);
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^This may be a password .*a password-like value assigned to password, and only/);
    // Chosen by the author, the fix moves it like any other.
    const after = checkFix(text.replace('"hunter2', '"$0hunter2'), 'hardcoded-secret', undefined, {
      name: 'settings.studio',
      title: TITLE,
    });
    assert.equal(after.fix.preferred, false);
    assert.ok(after.after.includes('password: "{SECURE_PASSWORD}"'));
    assert.ok(!after.after.includes('hunter2'));
  });

  it('Basic credentials written encoded move to a variable that holds the encoded pair (issue 12, point 8)', () => {
    const before = lines(
      '\n',
      'ASSIGN proxy = GetRESTProxy()',
      'proxy.AddHeader("Authorization", "Basic $0aXZyLXVzZXI6V2ludGVyMjAyNCE=")',
    );
    const expected = lines(
      '\n',
      'ASSIGN proxy = GetRESTProxy()',
      nameLine('SECURE_BASIC_CREDENTIALS', 'base64 of "user:password", as a Basic header needs'),
      HUB,
      'proxy.AddHeader("Authorization", "Basic {SECURE_BASIC_CREDENTIALS}")',
    );
    const after = checkMoved(before, 'hardcoded-secret', expected, 'basic.snippet');
    // `Basic {password}` would be an invalid header: the scheme takes base64("user:password").
    assert.doesNotMatch(after, /Basic \{SECURE_PASSWORD\}/);
    // A password inside EncodeBase64("user:…") stays a password: the header is still built from the pair.
    const encoded = checkMoved(
      'proxy.AddHeader("Authorization", "Basic {proxy.EncodeBase64("ivr-user:$0Winter2024!")}")\n',
      'hardcoded-secret',
      undefined,
      'encode.snippet',
    );
    assert.ok(encoded.includes('"Basic {proxy.EncodeBase64("ivr-user:{SECURE_PASSWORD}")}"'), encoded);
  });

  it('the comment names no "Secure Variables" and says how Integration Hub works (issue 12, point 12)', () => {
    const after = fixAllText(
      'secret.snippet',
      undefined,
      'ASSIGN client_secret = "s3cr3t-Xq9vLm2Rt7Wz"\n',
      DEFAULT_SETTINGS,
    ).text;
    assert.doesNotMatch(after, /secure variable/i);
    assert.match(after, /Variables tab so traces and logs redact it/);
    assert.match(after, /cannot be read into a variable: there a CONNECTAUTH action makes the request/);
  });
});
