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
import {
  assertIndented,
  assertLineEndings,
  forbiddenSnippetForms,
  snippetErrors,
  guideErrors,
} from '../../helpers/template-checks';

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
        assert.deepEqual(forbiddenSnippetForms(text), [], text);
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
  it('is exactly the domain sketch in Snippet', () => {
    assert.equal(
      strategyB('snippet'),
      [
        '// cached token with proactive refresh; times are day counts (seconds / 86400)',
        'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (300 / 86400)',
        '{',
        '  ASSIGN tokenProxy = GetRESTProxy()',
        '  tokenProxy.ContentType = "application/x-www-form-urlencoded"',
        '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, ' +
          '"POST")',
        '  IF tokenProxy.StatusCode = 200',
        '  {',
        '    ASSIGN cachedToken = tokenResult.access_token',
        '    ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)',
        '  }',
        '  ELSE',
        '  {',
        '    ASSIGN cachedToken = ""',
        '    ASSIGN tokenExpiry = ""',
        '    ASSIGN apiError = "TOKEN_HTTP_{tokenProxy.StatusCode}"',
        '  }',
        '}',
        '',
      ].join('\n'),
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
      '  tokenReq.url = "https://auth.your-idp.com/oauth/token";',
      '  tokenReq.headers["Content-Type"] = "application/x-www-form-urlencoded";',
      '  tokenReq.body = ' +
        '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
      '  if (tokenResp.statusCode == 200) {',
      '    SET strCachedToken = validToken;',
      '    SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();',
      '    SET strTokenExpiry = "0";',
      '    SET strApiError = "TOKEN_HTTP_" + tokenResp.statusCode.toString();',
      '// Now use validToken for the actual API call',
    ])
      assert.ok(text.includes(`${line}\n`), `missing: ${line}\n${text}`);
  });

  it("writes the jittered buffer: ContactID in Snippet, Math.random in the guide's notation", () => {
    const snippet = strategyB('snippet', { jitter: JITTER_ON });
    assert.ok(
      snippet.includes('IF refreshBuffer = ""\n{\n  ASSIGN refreshBuffer = 120 + (ContactID % 361)\n}\n'),
      snippet,
    );
    assert.ok(snippet.includes('| utc >= tokenExpiry - (refreshBuffer / 86400)\n'), snippet);
    const guide = strategyB('guide', { jitter: JITTER_ON });
    assert.ok(guide.includes('var refreshBuffer = 120 + Math.floor(Math.random() * 361);\n'), guide);
    assert.ok(guide.includes('currentTime < (tokenExpiry - refreshBuffer)'), guide);
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
    assert.ok(text.includes('IF crmToken = "" | crmTokenExpiry = "" | utc >= crmTokenExpiry - (180 / 86400)\n'), text);
    assert.ok(
      text.includes(
        'ASSIGN authResult = authProxy.MakeRestRequest("https://idp.example.com/oauth2/token", ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CRM_SECRET}", 0, "POST")',
      ),
      text,
    );
    assert.ok(text.includes('ASSIGN crmError = "TOKEN_HTTP_{authProxy.StatusCode}"'), text);
    assert.ok(!/\b(cachedToken|tokenExpiry|tokenProxy|apiError)\b/.test(text), text);
    const jittered = strategyB('snippet', { jitter: { enabled: true, minSeconds: 600, maxSeconds: 60 } });
    assert.ok(jittered.includes('ASSIGN refreshBuffer = 60 + (ContactID % 541)'), jittered);
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
      !strategyB('snippet', { jitter: { enabled: true, minSeconds: 200, maxSeconds: 200 } }).includes('refreshBuffer'),
    );
  });
});

describe('smaller pieces', () => {
  it('writes buffered expiry comparisons in both notations', () => {
    assert.equal(
      bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 300 }),
      'utc >= tokenExpiry - (300 / 86400)',
    );
    assert.equal(
      bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 'refreshBuffer', operator: '<' }),
      'utc < tokenExpiry - (refreshBuffer / 86400)',
    );
    assert.equal(
      bufferedExpiryCondition('guide', { expiry: 'tokenExpiry', buffer: 300, operator: '<' }),
      'currentTime < (tokenExpiry - 300)',
    );
    assert.equal(
      bufferedExpiryCondition('guide', { expiry: 'expiry', buffer: 120, now: 'Math.floor(Date.now() / 1000)' }),
      'Math.floor(Date.now() / 1000) >= (expiry - 120)',
    );
    assert.equal(bufferedExpiry('snippet', 'exp', 60), 'exp - (60 / 86400)');
  });

  it('writes the expiry from expires_in as one statement line', () => {
    assert.equal(
      expiryFromExpiresIn('snippet', { expiry: 'tokenExpiry', response: 'tokenResult' }),
      'ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)\n',
    );
    assert.equal(
      expiryFromExpiresIn('guide', { expiry: 'strTokenExpiry', response: 'tokenData', indent: '  ', eol: '\r\n' }),
      '  SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();\r\n',
    );
    assert.equal(expiresInValue('snippet', 'tokenResult'), 'tokenResult.expires_in / 86400');
    assert.equal(expiresInValue('guide', 'tokenData'), 'tokenData.expires_in');
  });

  it('writes a per-contact jittered buffer', () => {
    assert.equal(
      jitteredBufferAssignment('snippet', { minSeconds: 120, maxSeconds: 480, comments: false }),
      'IF refreshBuffer = ""\n{\n  ASSIGN refreshBuffer = 120 + (ContactID % 361)\n}\n',
    );
    assert.equal(
      jitteredBufferAssignment('guide', { minSeconds: 120, maxSeconds: 480, comments: false, variable: 'buf' }),
      'var buf = 120 + Math.floor(Math.random() * 361);\n',
    );
  });

  it('writes the secret substitution and the comment saying where the value belongs', () => {
    assert.equal(secretSubstitution('SECURE_CLIENT_SECRET'), '{SECURE_CLIENT_SECRET}');
    assert.equal(
      movedSecretComment('SECURE_API_TOKEN', { indent: '\t', eol: '\r\n' }),
      '\t// SECURE_API_TOKEN: keep the value in Integration Hub (ConnectAuth) or in a variable redacted in the ' +
        "script's Variables tab; never in script text\r\n",
    );
  });

  it('clears tokens and expiries on 401/403 and leaves the 200 path to the caller', () => {
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
        'ASSIGN crmStatus = "{crmProxy.StatusCode}"\nSELECT\n{\n  CASE crmStatus = 401\n  CASE crmStatus = 403\n  {\n',
      ),
      text,
    );
    for (const v of ['clientToken', 'resourceToken', 'clientTokenExpiry', 'resourceTokenExpiry'])
      assert.ok(text.includes(`    ASSIGN ${v} = ""\n`), v);
    assert.ok(
      text.includes(
        '  CASE crmStatus = 200\n  {\n    ASSIGN name = customer.name\n    ASSIGN tier = customer.tier\n    ASSIGN ' +
          'apiError = ""\n  }\n',
      ),
      text,
    );
    assert.ok(text.includes('  DEFAULT\n  {\n    ASSIGN apiError = "HTTP_{crmStatus}"\n  }\n}\n'), text);
  });

  it("keeps Strategy A's token in a fresh variable and Strategy C's key in a substitution", () => {
    const a = strategyA('snippet', { apiCall: false });
    assert.ok(a.includes('  ASSIGN accessToken = tokenResult.access_token\n'), a);
    assert.ok(a.includes('  ASSIGN accessToken = ""\n'), a);
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
    const condition = bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 'refreshBuffer' });
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
      `| ${bufferedExpiryCondition('snippet', { expiry: 'tokenExpiry', buffer: 300 })}\n`,
    );
    assertInDocs(
      'token-expiry-no-buffer.md',
      'studio',
      bufferedExpiryCondition('guide', { expiry: 'tokenExpiry', buffer: 300, operator: '<' }),
    );
  });
});
