import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import {
  authStatusHandler,
  strategyA,
  strategyB,
  tokenProxyCall,
  twoStepToken,
  vsCodeSnippets,
  type Notation,
} from '../../../server/src/templates';
import { lintText } from '../../../server/src/service/lint';
import { snippetErrors, guideErrors } from '../../helpers/template-checks';
import { undocumentedConstructs } from '../../helpers/documented-constructs';
import { expandSnippet } from '../../helpers/snippet-expander';

/** Placeholder numbers with their defaults, in order of appearance. */
function placeholders(body: string): Array<[number, string]> {
  return [...body.matchAll(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g)].map((m) => [Number(m[1]), m[2]!]);
}

const NOTATIONS: Array<{ notation: Notation; file: string; languageId: string; fileName: string }> = [
  {
    notation: 'snippet',
    file: 'snippets/cxone-snippet.json',
    languageId: 'cxone-snippet',
    fileName: 'expanded.snippet',
  },
  { notation: 'guide', file: 'snippets/cxone-studio.json', languageId: 'cxone-studio', fileName: 'expanded.studio' },
];

/**
 * A fixed refresh buffer is by design a refresh-without-jitter hint, and a placeholder endpoint (a `.invalid` host the
 * author fills in) is by design an unfilled-placeholder error; every other finding is a defect.
 */
function unexpectedFindings(name: string, languageId: string, text: string): string[] {
  const linted = lintText(name, languageId, text, DEFAULT_SETTINGS);
  assert.ok(linted, `${name} is not recognised as ${languageId}`);
  const fixedBuffer = /\(\d+ \/ 86400\)|- \d+\)|^\s*ASSIGN refreshBufferSeconds = \d+\s*$/m.test(text);
  return linted.findings
    .filter((f) => !(fixedBuffer && f.code === 'refresh-without-jitter'))
    .filter((f) => !(f.code === 'unfilled-placeholder' && placeholderCall(text, f.message)))
    .map((f) => `${f.code}: ${f.message} at ${JSON.stringify(text.slice(f.range.start, f.range.end))}`);
}

/** The finding names a `.invalid` host that the text writes in a URL (the placeholder the template put there). */
function placeholderCall(text: string, message: string): boolean {
  const host = /goes to ([\w.-]+\.invalid),/.exec(message)?.[1];
  return host !== undefined && text.includes(`https://${host}/`);
}

describe('snippet expander (test helper)', () => {
  it('keeps defaults, drops tab stops and unescapes', () => {
    assert.equal(expandSnippet('a ${1:x} $2 ${3} \\$ \\} \\\\ ${4:{id\\}} $0'), 'a x   $ } \\ {id} ');
    assert.equal(expandSnippet('${1:outer ${2:inner}}'), 'outer inner');
    assert.throws(() => expandSnippet('$TM_FILENAME'));
    assert.throws(() => expandSnippet('${1:open'));
  });
});

for (const { notation, file, languageId, fileName } of NOTATIONS) {
  describe(`VS Code snippets: ${file}`, () => {
    const snippets = vsCodeSnippets(notation);

    it('holds the five templates plus the jittered Strategy B', () => {
      assert.equal(Object.keys(snippets).length, 6);
      assert.ok(Object.keys(snippets).some((name) => /jitter/i.test(name)));
    });

    for (const [name, snippet] of Object.entries(snippets)) {
      const body = snippet.body.join('\n');
      const text = `${expandSnippet(body)}\n`;

      it(`"${name}" expands with its defaults to code with zero syntax errors`, () => {
        assert.deepEqual(notation === 'snippet' ? snippetErrors(text) : guideErrors(text), [], text);
        if (notation === 'snippet') assert.deepEqual(undocumentedConstructs(text), [], text);
      });

      it(`"${name}" numbers its placeholders 1..n, with one default per number`, () => {
        const found = placeholders(body);
        assert.ok(found.length > 0, 'no placeholders');
        const defaults = new Map<number, string>();
        for (const [n, value] of found) {
          assert.equal(defaults.get(n) ?? value, value, `placeholder ${n} has two defaults`);
          defaults.set(n, value);
        }
        assert.deepEqual(
          [...defaults.keys()].sort((a, b) => a - b),
          [...defaults.keys()].map((_, k) => k + 1),
        );
      });

      it(`"${name}" writes credentials only as substitutions`, () => {
        for (const match of text.matchAll(/(client_id|client_secret)=([^&"]*)/g)) {
          assert.match(match[2]!, /^\{SECURE_[A-Z_]+\}$/, match[0]);
        }
        if (/X-Api-Key/.test(text)) assert.match(text, /"\{SECURE_PROXY_KEY\}"/);
      });

      it(`"${name}" triggers none of the token rules`, () => {
        assert.deepEqual(unexpectedFindings(fileName, languageId, text), [], text);
      });
    }
  });
}

describe('templates with default names trigger none of the token rules', () => {
  const jitter = { enabled: true, minSeconds: 120, maxSeconds: 480 };

  it('(the rules are live: Pattern A is reported in both notations)', () => {
    const snippet = [
      'ASSIGN p = GetRESTProxy()',
      'p.AddHeader("Authorization", "Bearer {accessToken}")',
      'ASSIGN r = p.MakeRestRequest(u, "", 0, "GET")',
      '',
    ].join('\n');
    const studio = [
      'ASSIGN strToken = GetOAuthToken();',
      'WAIT 1800',
      'SNIPPET',
      'req.headers["Authorization"] = "Bearer " + strToken;',
      'var resp = req.send();',
      'END SNIPPET',
      '',
    ].join('\n');
    assert.ok(
      unexpectedFindings('a.snippet', 'snippet', snippet).some((f) => f.startsWith('token-reuse-without-expiry')),
    );
    assert.ok(unexpectedFindings('a.studio', 'guide', studio).some((f) => f.startsWith('token-reuse-without-expiry')));
  });

  it('(a fixed buffer is the one expected hint, and the placeholder endpoint the one expected error)', () => {
    const codes = lintText('a.snippet', 'snippet', strategyB('snippet'), DEFAULT_SETTINGS)!.findings.map((f) => f.code);
    assert.deepEqual(codes, ['refresh-without-jitter', 'unfilled-placeholder']);
  });

  for (const { notation, languageId, fileName } of NOTATIONS) {
    it(`Strategy B, then a call with the cached token, then the 401/403 handler (${notation})`, () => {
      const text =
        notation === 'snippet'
          ? strategyB('snippet', { jitter }) +
            'ASSIGN apiProxy = GetRESTProxy()\napiProxy.AddHeader("Authorization", "Bearer {cachedToken}")\n' +
            'ASSIGN apiResult = apiProxy.MakeRestRequest("https://api.your-crm.com/v2/data", "", 0, "GET")\n' +
            authStatusHandler('snippet', { successLines: ['ASSIGN customerName = apiResult.name'] })
          : strategyB('guide', {
              jitter,
              trailingLines: [
                'var apiReq = new CXone.HttpRequest();',
                'apiReq.method = "GET";',
                'apiReq.url = "https://api.your-crm.com/v2/data";',
                'apiReq.headers["Authorization"] = "Bearer " + validToken;',
                'var apiResp = apiReq.send();',
                authStatusHandler('guide', {
                  snippetBlock: false,
                  successLines: ['SET strCustomerName = JSON.parse(apiResp.body).name;'],
                }).trimEnd(),
              ],
            });
      assert.deepEqual(notation === 'snippet' ? snippetErrors(text) : guideErrors(text), [], text);
      assert.deepEqual(unexpectedFindings(fileName, languageId, text), [], text);
    });
  }

  for (const { notation, languageId, fileName } of NOTATIONS) {
    const rendered: Record<string, string> = {
      strategyB: strategyB(notation, { jitter }),
      strategyA: strategyA(notation),
      authStatusHandler: authStatusHandler(notation),
      twoStepToken: twoStepToken(notation, { jitter }),
      tokenProxyCall: tokenProxyCall(notation),
    };
    for (const [name, text] of Object.entries(rendered)) {
      it(`${name} (${notation})`, () => {
        assert.deepEqual(unexpectedFindings(fileName, languageId, text), [], text);
      });
    }
  }
});
