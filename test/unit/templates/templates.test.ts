import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  authStatusHandler,
  bufferedExpiry,
  bufferedExpiryCondition,
  bufferPlan,
  expiresInValue,
  expiryFromExpiresIn,
  jitteredBufferAssignment,
  movedSecretComment,
  notationOf,
  secretSubstitution,
  strategyA,
  strategyB,
  tokenProxyCall,
  tokenStatusCheck,
  twoStepToken,
  type LineEnding,
  type Notation,
} from '../../../server/src/templates';
import { JITTER_ON } from '../../helpers/check-fix';
import { undocumentedConstructs } from '../../helpers/documented-constructs';
import { walk } from '../../../server/src/syntax/snippet/ast';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { assertIndented, assertLineEndings, snippetErrors, guideErrors } from '../../helpers/template-checks';

interface Case {
  readonly name: string;
  /** Renders with a layout; `guideBody` means the guide output is a body without SNIPPET … END SNIPPET. */
  readonly render: (notation: Notation, layout: { eol: LineEnding; indent: string; indentUnit: string }) => string;
  readonly guideBody?: boolean;
}

const CASES: Case[] = [
  { name: 'strategyB', render: (n, l) => strategyB(n, l) },
  { name: 'strategyB, jittered', render: (n, l) => strategyB(n, { ...l, jitter: JITTER_ON }) },
  {
    name: 'strategyB, no comments, buffer 240',
    render: (n, l) => strategyB(n, { ...l, comments: false, bufferSeconds: 240 }),
  },
  {
    name: 'strategyB, body only, with an error decision',
    render: (n, l) => strategyB(n, { ...l, snippetBlock: false, errorDecision: true }),
    guideBody: true,
  },
  { name: 'strategyB, guide block with error decision', render: (n, l) => strategyB(n, { ...l, errorDecision: true }) },
  { name: 'strategyA', render: (n, l) => strategyA(n, l) },
  { name: 'strategyA, token only', render: (n, l) => strategyA(n, { ...l, apiCall: false }) },
  {
    name: 'strategyA, POST with body and scope',
    render: (n, l) =>
      strategyA(n, {
        ...l,
        names: { scope: 'crm.write' },
        apiCall: { method: 'POST', body: n === 'snippet' ? '"{payload}"' : 'JSON.stringify(payload)' },
      }),
  },
  { name: 'authStatusHandler', render: (n, l) => authStatusHandler(n, l) },
  {
    name: 'authStatusHandler, body only',
    render: (n, l) => authStatusHandler(n, { ...l, snippetBlock: false }),
    guideBody: true,
  },
  { name: 'twoStepToken', render: (n, l) => twoStepToken(n, l) },
  {
    name: 'twoStepToken, jittered, scoped',
    render: (n, l) => twoStepToken(n, { ...l, jitter: JITTER_ON, names: { resourceScope: 'orders.read' } }),
  },
  { name: 'tokenProxyCall', render: (n, l) => tokenProxyCall(n, { ...l, errorDecision: true }) },
  {
    name: 'tokenStatusCheck',
    render: (n, l) =>
      tokenStatusCheck(n, {
        ...l,
        successLines:
          n === 'snippet'
            ? ['ASSIGN accessToken = tokenResult.access_token']
            : ['var okData = JSON.parse(tokenResp.body);'],
      }),
    guideBody: true,
  },
  {
    name: 'jitteredBufferAssignment',
    render: (n, l) => jitteredBufferAssignment(n, { ...l, minSeconds: 120, maxSeconds: 480 }),
    guideBody: true,
  },
  {
    name: 'expiryFromExpiresIn',
    render: (n, l) =>
      expiryFromExpiresIn(n, {
        ...l,
        expiry: n === 'snippet' ? 'tokenExpiry' : 'strTokenExpiry',
        response: n === 'snippet' ? 'tokenResult' : 'tokenData',
      }),
    guideBody: true,
  },
  { name: 'movedSecretComment', render: (_n, l) => movedSecretComment('SECURE_CLIENT_SECRET', l), guideBody: true },
];

const LAYOUTS = [
  { eol: '\n', indent: '', indentUnit: '  ' },
  { eol: '\r\n', indent: '', indentUnit: '  ' },
  { eol: '\n', indent: '    ', indentUnit: '\t' },
  { eol: '\r\n', indent: '\t', indentUnit: '    ' },
] as const;

function layoutName(l: (typeof LAYOUTS)[number]): string {
  return `${l.eol === '\n' ? 'LF' : 'CRLF'}, indent ${JSON.stringify(l.indent)}, unit ${JSON.stringify(l.indentUnit)}`;
}

describe('code templates', () => {
  for (const c of CASES) {
    for (const layout of LAYOUTS) {
      it(`${c.name} (Snippet, ${layoutName(layout)}) parses, uses only documented forms, and keeps the layout`, () => {
        const text = c.render('snippet', layout);
        assert.deepEqual(snippetErrors(text), [], text);
        assert.deepEqual(undocumentedConstructs(text), [], text);
        assertLineEndings(text, layout.eol, c.name);
        assertIndented(text, layout.eol, layout.indent, c.name);
      });
      it(`${c.name} (guide, ${layoutName(layout)}) parses and keeps the layout`, () => {
        const text = c.render('guide', layout);
        const document = c.guideBody
          ? `${layout.indent}SNIPPET${layout.eol}${text}${layout.indent}END SNIPPET${layout.eol}`
          : text;
        assert.deepEqual(guideErrors(document), [], document);
        assertLineEndings(text, layout.eol, c.name);
        assertIndented(text, layout.eol, layout.indent, c.name);
      });
    }
  }

  it('maps document kinds to notations (XML exports hold real Snippet code)', () => {
    assert.equal(notationOf('snippet'), 'snippet');
    assert.equal(notationOf('export'), 'snippet');
    assert.equal(notationOf('guide'), 'guide');
  });

  it('wraps guide code in SNIPPET … END SNIPPET by default, and not with snippetBlock: false', () => {
    assert.match(strategyB('guide'), /^SNIPPET\n[\s\S]*\nEND SNIPPET\n$/);
    assert.doesNotMatch(strategyB('guide', { snippetBlock: false }), /SNIPPET\n|END SNIPPET/);
    assert.match(
      authStatusHandler('guide', { errorDecision: true }),
      /END SNIPPET\nDECISION "\{strApiError\}" = ""\nYES --> \[.*\]\nNO --> \[.*\]\n$/,
    );
    assert.equal(strategyB('snippet', { snippetBlock: true, errorDecision: true }), strategyB('snippet'));
  });
});

describe('Strategy B', () => {
  it('is what a Studio developer would paste: one named buffer, utc in arithmetic, a checked request', () => {
    assert.equal(
      strategyB('snippet'),
      [
        '// seconds before expiry at which tokens are refreshed; an earlier action may set it',
        'IF refreshBufferSeconds = ""',
        '{',
        '  ASSIGN refreshBufferSeconds = 300',
        '}',
        '// cachedToken is kept for the contact and fetched again refreshBufferSeconds seconds before it expires ' +
          '(dates count days)',
        '// list cachedToken in the Variables tab so traces redact it; in a RUNSUB subscript use global:cachedToken, ' +
          'global:tokenExpiry',
        'IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc <= refreshBufferSeconds / 86400',
        '{',
        '  ASSIGN cachedTokenProxy = GetRESTProxy()',
        '  cachedTokenProxy.ContentType = "application/x-www-form-urlencoded"',
        '  cachedTokenProxy.ProxyTimeoutSeconds = 2',
        '  // the credentials go into the form body as they are: store them URL-encoded if they hold & = + % or spaces',
        '  ASSIGN cachedTokenResult = cachedTokenProxy.MakeRestRequest("https://token-endpoint.invalid/oauth/token", ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, ' +
          '"POST")',
        '  IF cachedTokenProxy.StatusCode = 200',
        '  {',
        '    ASSIGN cachedToken = "{cachedTokenResult.access_token}"',
        '    ASSIGN cachedTokenLifetime = 600 // when the response has no expires_in',
        '    IF cachedTokenResult.expires_in != ""',
        '    {',
        '      ASSIGN cachedTokenLifetime = cachedTokenResult.expires_in',
        '    }',
        '    ASSIGN tokenExpiry = utc + (cachedTokenLifetime / 86400)',
        '    ASSIGN cachedTokenError = ""',
        '  }',
        '  ELSE',
        '  {',
        '    ASSIGN cachedToken = ""',
        '    ASSIGN tokenExpiry = ""',
        '    ASSIGN cachedTokenError = "TOKEN_HTTP_{cachedTokenProxy.StatusCode}"',
        '  }',
        '  ASSIGN cachedTokenResult = "" // keep the token only, not the whole response',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('never compares a bare utc: it stays inside arithmetic (issue 12, point 1)', () => {
    for (const text of [strategyB('snippet'), twoStepToken('snippet'), strategyB('snippet', { jitter: JITTER_ON })]) {
      const bare: string[] = [];
      walk(parseSnippet(text).program, (node) => {
        if (node.kind !== 'Binary' || !['=', '!=', '<', '<=', '>', '>='].includes(node.operator)) return;
        for (const side of [node.left, node.right])
          if (side.kind === 'Identifier' && side.folded === 'utc') bare.push(text.slice(node.start, node.end));
      });
      assert.deepEqual(bare, [], text);
      assert.match(text, /Expiry - utc <= refreshBufferSeconds \/ 86400/);
    }
  });

  it('sets a timeout on every proxy it creates (issue 12, point 3)', () => {
    for (const text of [
      strategyB('snippet'),
      strategyA('snippet'),
      twoStepToken('snippet'),
      tokenProxyCall('snippet'),
    ]) {
      const proxies = [...text.matchAll(/ASSIGN (\w+) = GetRESTProxy\(\)/g)].map((m) => m[1]!);
      assert.ok(proxies.length > 0, text);
      for (const proxy of proxies) assert.ok(text.includes(`${proxy}.ProxyTimeoutSeconds = 2\n`), `${proxy}\n${text}`);
    }
    assert.ok(strategyB('snippet', { timeoutSeconds: 1 }).includes('cachedTokenProxy.ProxyTimeoutSeconds = 1\n'));
  });

  it('writes no endpoint that resolves: placeholders are reserved .invalid hosts (issue 12, point 4)', () => {
    for (const notation of ['snippet', 'guide'] as const) {
      for (const text of [strategyB(notation), strategyA(notation), twoStepToken(notation), tokenProxyCall(notation)]) {
        for (const [url] of text.matchAll(/https?:\/\/[^"/]+/g)) assert.match(url, /\.invalid$/, `${url}\n${text}`);
      }
    }
  });

  it('falls back to a short lifetime without expires_in and drops the token response (issue 12, point 11)', () => {
    const text = strategyB('snippet');
    assert.ok(text.includes('ASSIGN cachedTokenLifetime = 600'), text);
    assert.ok(text.includes('IF cachedTokenResult.expires_in != ""'), text);
    assert.ok(text.includes('ASSIGN cachedTokenResult = ""'), text);
    assert.ok(
      strategyB('guide').includes('SET strTokenExpiry = (currentTime + (tokenData.expires_in || 600)).toString();'),
    );
  });

  it("follows the guide's Strategy B block in the guide's notation, with the token response checked", () => {
    const text = strategyB('guide');
    for (const line of [
      'var currentTime = Math.floor(Date.now() / 1000); // Unix timestamp in seconds',
      'var tokenExpiry = parseInt("{strTokenExpiry}") || 0;',
      'var tokenValue = "{strCachedToken}";',
      'if (tokenExpiry > 0 && currentTime < (tokenExpiry - 300) && tokenValue.length > 0) {',
      '  validToken = tokenValue;',
      '  tokenReq.url = "https://token-endpoint.invalid/oauth/token";',
      '  tokenReq.headers["Content-Type"] = "application/x-www-form-urlencoded";',
      '  tokenReq.body = ' +
        '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
      '  if (tokenResp.statusCode == 200) {',
      '    SET strCachedToken = validToken;',
      '    SET strTokenExpiry = (currentTime + (tokenData.expires_in || 600)).toString();',
      '    SET strTokenExpiry = "0";',
      '    SET strApiError = "TOKEN_HTTP_" + tokenResp.statusCode.toString();',
      '// Now use validToken for the actual API call',
    ])
      assert.ok(text.includes(`${line}\n`), `missing: ${line}\n${text}`);
  });

  it("writes the jittered buffer: ContactID in Snippet, Math.random in the guide's notation", () => {
    const snippet = strategyB('snippet', { jitter: JITTER_ON });
    assert.ok(
      snippet.includes('IF refreshBufferSeconds = ""\n{\n  ASSIGN refreshBufferSeconds = 120 + (ContactID % 361)\n}\n'),
      snippet,
    );
    assert.ok(snippet.includes('| tokenExpiry - utc <= refreshBufferSeconds / 86400\n'), snippet);
    const guide = strategyB('guide', { jitter: JITTER_ON });
    assert.ok(guide.includes('var refreshBuffer = 120 + Math.floor(Math.random() * 361);\n'), guide);
    assert.ok(guide.includes('currentTime < (tokenExpiry - refreshBuffer)'), guide);
  });

  it('derives every name from the token, so two integrations never share one (issue 12, point 6)', () => {
    const crm = strategyB('snippet', { names: { cachedToken: 'crmToken' }, bufferSetting: false });
    const pay = strategyB('snippet', { names: { cachedToken: 'payToken' }, bufferSetting: false });
    const names = (text: string): Set<string> =>
      new Set(
        [...text.matchAll(/ASSIGN (\w+) =|\{(\w+)\}|(\w+)\.(?:ProxyTimeoutSeconds|ContentType)/g)].map((m) =>
          (m[1] ?? m[2] ?? m[3]!).toLowerCase(),
        ),
      );
    const shared = [...names(crm)].filter((n) => names(pay).has(n));
    assert.deepEqual(shared, [], `${crm}\n${pay}`);
    for (const name of ['crmTokenProxy', 'crmTokenResult', 'crmTokenExpiry', 'crmTokenError', 'CRM_CLIENT_SECRET'])
      assert.ok(crm.includes(name), `${name}\n${crm}`);
    assert.ok(crm.includes('refreshBufferSeconds'), 'the buffer is one setting for the whole script');
  });

  it('takes its names, buffer and jitter range from the options', () => {
    const text = strategyB('snippet', {
      bufferSeconds: 180,
      names: {
        cachedToken: 'crmToken',
        tokenExpiry: 'crmTokenExpiry',
        request: 'authProxy',
        response: 'authResult',
        tokenUrl: '"https://idp.example.com/oauth2/token"',
        error: 'crmError',
        clientSecretName: 'SECURE_CRM_SECRET',
      },
    });
    assert.ok(text.includes('  ASSIGN refreshBufferSeconds = 180\n'), text);
    assert.ok(
      text.includes('IF crmToken = "" | crmTokenExpiry = "" | crmTokenExpiry - utc <= refreshBufferSeconds'),
      text,
    );
    assert.ok(
      text.includes(
        'ASSIGN authResult = authProxy.MakeRestRequest("https://idp.example.com/oauth2/token", ' +
          '"grant_type=client_credentials&client_id={CRM_CLIENT_ID}&client_secret={SECURE_CRM_SECRET}", 0, "POST")',
      ),
      text,
    );
    assert.ok(text.includes('ASSIGN crmError = "TOKEN_HTTP_{authProxy.StatusCode}"'), text);
    assert.ok(!/\b(cachedToken|tokenExpiry|tokenProxy|apiError)\b/.test(text), text);
    const jittered = strategyB('snippet', { jitter: { enabled: true, minSeconds: 600, maxSeconds: 60 } });
    assert.ok(jittered.includes('ASSIGN refreshBufferSeconds = 60 + (ContactID % 541)'), jittered);
  });

  it('writes a fixed buffer when jitter is off or its range has one value', () => {
    assert.deepEqual(bufferPlan({}), { kind: 'fixed', seconds: 300 });
    assert.deepEqual(bufferPlan({ bufferSeconds: 240, jitter: { enabled: false, minSeconds: 1, maxSeconds: 9 } }), {
      kind: 'fixed',
      seconds: 240,
    });
    assert.deepEqual(bufferPlan({ jitter: { enabled: true, minSeconds: 200, maxSeconds: 200 } }), {
      kind: 'fixed',
      seconds: 200,
    });
    assert.deepEqual(bufferPlan({ bufferSeconds: Number.NaN }), { kind: 'fixed', seconds: 300 });
    assert.ok(
      strategyB('snippet', { jitter: { enabled: true, minSeconds: 200, maxSeconds: 200 } }).includes(
        'ASSIGN refreshBufferSeconds = 200\n',
      ),
    );
  });
});

describe('smaller pieces', () => {
  it('writes buffered expiry comparisons in both notations, utc inside arithmetic in Snippet', () => {
    assert.equal(
      bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 300 }),
      'tokenExpiry - utc <= 300 / 86400',
    );
    assert.equal(
      bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 'refreshBuffer', operator: '<' }),
      'tokenExpiry - utc > refreshBuffer / 86400',
    );
    assert.equal(
      bufferedExpiryCondition('guide', { expiry: 'tokenExpiry', buffer: 300, operator: '<' }),
      'currentTime < (tokenExpiry - 300)',
    );
    assert.equal(
      bufferedExpiryCondition('guide', { expiry: 'expiry', buffer: 120, now: 'Math.floor(Date.now() / 1000)' }),
      'Math.floor(Date.now() / 1000) >= (expiry - 120)',
    );
    assert.equal(bufferedExpiry('guide', 'exp', 60), '(exp - 60)');
  });

  it('writes the expiry from expires_in with a short lifetime when the response has none', () => {
    assert.equal(
      expiryFromExpiresIn('snippet', { expiry: 'tokenExpiry', response: 'tokenResult', comments: false }),
      'ASSIGN tokenLifetime = 600\nIF tokenResult.expires_in != ""\n{\n' +
        '  ASSIGN tokenLifetime = tokenResult.expires_in\n' +
        '}\nASSIGN tokenExpiry = utc + (tokenLifetime / 86400)\n',
    );
    assert.equal(
      expiryFromExpiresIn('guide', { expiry: 'strTokenExpiry', response: 'tokenData', indent: '  ', eol: '\r\n' }),
      '  SET strTokenExpiry = (currentTime + (tokenData.expires_in || 600)).toString();\r\n',
    );
    assert.equal(expiresInValue('snippet', 'tokenResult'), 'tokenResult.expires_in / 86400');
    assert.equal(expiresInValue('guide', 'tokenData'), 'tokenData.expires_in');
  });

  it('writes a per-contact jittered buffer', () => {
    assert.equal(
      jitteredBufferAssignment('snippet', { minSeconds: 120, maxSeconds: 480, comments: false }),
      'IF refreshBufferSeconds = ""\n{\n  ASSIGN refreshBufferSeconds = 120 + (ContactID % 361)\n}\n',
    );
    assert.equal(
      jitteredBufferAssignment('guide', { minSeconds: 120, maxSeconds: 480, comments: false, variable: 'buf' }),
      'var buf = 120 + Math.floor(Math.random() * 361);\n',
    );
  });

  it('writes the secret substitution and a comment on the routes NICE documents (issue 12, point 12)', () => {
    assert.equal(secretSubstitution('SECURE_CLIENT_SECRET'), '{SECURE_CLIENT_SECRET}');
    const comment = movedSecretComment('SECURE_API_TOKEN', { indent: '\t', eol: '\r\n' });
    assert.equal(
      comment,
      "\t// SECURE_API_TOKEN: set it outside the script text and list it in the script's Variables tab so traces and " +
        'logs redact it\r\n' +
        '\t// Integration Hub keeps secrets too, but they cannot be read into a variable: there a CONNECTAUTH action ' +
        'makes the request\r\n',
    );
    assert.doesNotMatch(comment, /secure variable/i, 'NICE documents no "Secure Variables"');
  });

  it('handles 401/403 in one CASE and success as any 2xx, clearing tokens and expiries (issue 12, point 2)', () => {
    const text = authStatusHandler('snippet', {
      names: {
        request: 'crmProxy',
        status: 'crmStatus',
        tokenVariables: ['clientToken', 'resourceToken'],
        expiryVariables: ['clientTokenExpiry', 'resourceTokenExpiry'],
      },
      successLines: ['ASSIGN name = customer.name', 'ASSIGN tier = customer.tier'],
    });
    assert.ok(
      text.startsWith(
        'ASSIGN crmStatus = crmProxy.StatusCode\nSELECT\n{\n  CASE crmStatus = 401 | crmStatus = 403\n  {\n',
      ),
      text,
    );
    assert.doesNotMatch(text, /CASE [^\n]*\n\s*CASE/, 'no stacked CASE lines');
    for (const v of ['clientToken', 'resourceToken', 'clientTokenExpiry', 'resourceTokenExpiry'])
      assert.ok(text.includes(`    ASSIGN ${v} = ""\n`), v);
    assert.ok(
      text.includes(
        '  CASE crmStatus >= 200 & crmStatus < 300\n  {\n    ASSIGN name = customer.name\n' +
          '    ASSIGN tier = customer.tier\n' +
          '    ASSIGN cachedTokenError = ""\n  }\n',
      ),
      text,
    );
    assert.ok(text.includes('  DEFAULT\n  {\n    ASSIGN cachedTokenError = "HTTP_{crmStatus}"\n  }\n}\n'), text);
  });

  it("keeps Strategy A's token in a fresh variable and Strategy C's key in a substitution", () => {
    const a = strategyA('snippet', { apiCall: false });
    assert.ok(a.includes('  ASSIGN accessToken = "{accessTokenResult.access_token}"\n'), a);
    assert.ok(a.includes('  ASSIGN accessToken = ""\n'), a);
    assert.ok(a.includes('ASSIGN accessTokenResult = ""'), a);
    assert.ok(!a.includes('MakeRestRequest("https://api'), a);
    const c = tokenProxyCall('snippet');
    assert.ok(c.includes('apiProxy.AddHeader("X-Api-Key", "{SECURE_PROXY_KEY}")\n'), c);
    assert.ok(!/oauth\/token|grant_type/.test(c), c);
  });
});

/** Code blocks of a docs/rules page, by language. */
function docBlocks(page: string, language: 'snippet' | 'studio'): string[] {
  const text = readFileSync(join(__dirname, '../../../docs/rules', page), 'utf8');
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
}

function assertInDocs(page: string, language: 'snippet' | 'studio', rendered: string): void {
  assert.ok(
    docBlocks(page, language).some((block) => block.includes(rendered)),
    `${page} has no ${language} block containing:\n${rendered}`,
  );
}

describe('the docs/rules pages show what the templates write', () => {
  it('token-reuse-without-expiry: the Strategy B block', () => {
    assertInDocs('token-reuse-without-expiry.md', 'snippet', strategyB('snippet'));
  });

  it('refresh-without-jitter: the jittered buffer and its check', () => {
    const jitter = jitteredBufferAssignment('snippet', { minSeconds: 120, maxSeconds: 480 });
    const condition = bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 'refreshBufferSeconds' });
    assertInDocs(
      'refresh-without-jitter.md',
      'snippet',
      `${jitter}IF cachedToken = "" | tokenExpiry = "" | ${condition}\n`,
    );
    assertInDocs(
      'refresh-without-jitter.md',
      'studio',
      jitteredBufferAssignment('guide', { minSeconds: 120, maxSeconds: 480, comments: false }),
    );
  });

  it('hardcoded-secret and hardcoded-token: the moved-secret comment', () => {
    const comment = movedSecretComment('SECURE_CLIENT_SECRET');
    assertInDocs(
      'hardcoded-secret.md',
      'snippet',
      `${comment}ASSIGN client_secret = "${secretSubstitution('SECURE_CLIENT_SECRET')}"\n`,
    );
    assertInDocs('hardcoded-token.md', 'snippet', comment);
  });

  it("unchecked-auth-status: the SELECT handler and the guide's handler", () => {
    assertInDocs(
      'unchecked-auth-status.md',
      'snippet',
      authStatusHandler('snippet', {
        names: { request: 'orderProxy', status: 'orderStatus' },
        successLines: ['ASSIGN deliveryDate = order.deliveryDate'],
      }),
    );
    assertInDocs(
      'unchecked-auth-status.md',
      'studio',
      authStatusHandler('guide', {
        snippetBlock: false,
        successLines: ['var data = JSON.parse(apiResp.body);', 'SET strCustomerName = data.name;'],
      }),
    );
  });

  it('token-fetch-unchecked: the token response check in both notations', () => {
    assertInDocs(
      'token-fetch-unchecked.md',
      'snippet',
      tokenStatusCheck('snippet', {
        successLines: [
          'ASSIGN cachedToken = tokenResult.access_token',
          'ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)',
        ],
      }),
    );
    assertInDocs(
      'token-fetch-unchecked.md',
      'studio',
      tokenStatusCheck('guide', {
        successLines: [
          'var okData = JSON.parse(tokenResp.body);',
          'SET strCachedToken = okData.access_token;',
          'SET strTokenExpiry = (currentTime + okData.expires_in).toString();',
        ],
      }),
    );
  });

  it('resource-token-expiry-untracked: the resource block of the two-step template, and the expiry line', () => {
    const block = docBlocks('resource-token-expiry-untracked.md', 'snippet').find((b) =>
      b.startsWith('IF resourceToken'),
    );
    assert.ok(block, 'the Fixed block');
    assert.ok(twoStepToken('snippet').includes(block), twoStepToken('snippet'));
    assertInDocs(
      'resource-token-expiry-untracked.md',
      'studio',
      expiryFromExpiresIn('guide', { expiry: 'strResourceTokenExpiry', response: 'exData' }),
    );
  });

  it('token-expires-in-ignored and token-expiry-no-buffer: the expiry and the buffered check', () => {
    assertInDocs(
      'token-expires-in-ignored.md',
      'snippet',
      expiryFromExpiresIn('snippet', { expiry: 'tokenExpiry', response: 'tokenResult', indent: '  ' }),
    );
    assertInDocs(
      'token-expires-in-ignored.md',
      'studio',
      expiryFromExpiresIn('guide', { expiry: 'strTokenExpiry', response: 'tokenData' }),
    );
    assertInDocs(
      'token-expiry-no-buffer.md',
      'snippet',
      `| ${bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 'refreshBufferSeconds' })}\n`,
    );
    assertInDocs(
      'token-expiry-no-buffer.md',
      'studio',
      bufferedExpiryCondition('guide', { expiry: 'tokenExpiry', buffer: 300, operator: '<' }),
    );
  });
});
