import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyNode } from 'acorn';
import { parseGuide, walkNodes, type SnippetBlock, type GuideParseResult } from '../../../server/src/syntax/guide';
import { describeRange } from '../../helpers/annotated';

const GUIDE_DIR = join(__dirname, '../../fixtures/guide');
const STUDIO_DIR = join(__dirname, '../../fixtures/guide-scripts');

function load(dir: string, name: string): { text: string; result: GuideParseResult } {
  const text = readFileSync(join(dir, name), 'utf8');
  return { text, result: parseGuide(text) };
}

function snippets(result: GuideParseResult): SnippetBlock[] {
  return result.items.filter((item): item is SnippetBlock => item.kind === 'SnippetBlock');
}

function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

/** Every node whose text is exactly `source`, found by walking the snippet's program. */
function nodesWithText(text: string, root: AnyNode, source: string, type?: string): AnyNode[] {
  const found: AnyNode[] = [];
  walkNodes(root, (node) => {
    if ((type === undefined || node.type === type) && slice(text, node) === source) found.push(node);
  });
  return found;
}

describe('studio parser: the guide code blocks', () => {
  const guideFiles = readdirSync(GUIDE_DIR)
    .filter((f) => f.endsWith('.studio'))
    .sort();
  const clean = [
    ...guideFiles.map((f) => [GUIDE_DIR, f] as const),
    ...readdirSync(STUDIO_DIR)
      .filter((f) => f.endsWith('.studio') && !f.startsWith('broken-'))
      .map((f) => [STUDIO_DIR, f] as const),
  ];

  it('has the five guide fixtures', () => {
    assert.deepEqual(guideFiles, [
      'error-handling-401.studio',
      'pattern-a-token-once.studio',
      'pattern-b-fresh-token.studio',
      'strategy-a-fresh-token.studio',
      'strategy-b-cached-token.studio',
    ]);
  });

  for (const [dir, file] of clean) {
    it(`${file} parses with zero errors and exact snippet trees`, () => {
      const { text, result } = load(dir, file);
      assert.deepEqual(
        result.errors.map((e) => `${describeRange(text, e.range)} ${e.message}`),
        [],
      );
      for (const block of snippets(result)) {
        assert.equal(block.exact, true);
        assert.ok(block.endKeywordRange);
        assert.equal(slice(text, block.keywordRange).toUpperCase(), 'SNIPPET');
        assert.match(slice(text, block.endKeywordRange), /^END\s+SNIPPET$/i);
        assert.equal(block.program.start >= block.bodyRange.start && block.program.end <= block.bodyRange.end, true);
      }
    });
  }

  it('pattern A: ASSIGN at script level, elision, and a SNIPPET using the stale token', () => {
    const { text, result } = load(GUIDE_DIR, 'pattern-a-token-once.studio');
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['ScriptAssign', 'Elision', 'SnippetBlock'],
    );
    const assign = result.items[0]!;
    assert.ok(assign.kind === 'ScriptAssign');
    assert.equal(assign.keyword, 'ASSIGN');
    assert.equal(assign.target, 'strToken');
    assert.equal(slice(text, assign.targetRange), 'strToken');
    assert.equal(slice(text, assign.range), 'ASSIGN strToken = GetOAuthToken();');
    assert.equal(assign.value?.type, 'CallExpression');
    assert.equal(slice(text, assign.value!), 'GetOAuthToken()');
    assert.equal(slice(text, assign.valueRange), 'GetOAuthToken()');
    assert.equal(slice(text, result.items[1]!.range), '...');

    const block = snippets(result)[0]!;
    const header = nodesWithText(text, block.program, 'req.headers["Authorization"]', 'MemberExpression');
    assert.equal(header.length, 1);
    const bearer = nodesWithText(text, block.program, '"Bearer " + strToken', 'BinaryExpression');
    assert.equal(bearer.length, 1);
    assert.deepEqual(nodesWithText(text, block.program, 'req.send()', 'CallExpression').length, 1);
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      [
        '// PATTERN A: Token acquired once at script start (common - and broken for long calls)',
        '// Called at call start, never refreshed',
        '// Later in the script (60+ minutes into a long IVR hold):',
        '// strToken has expired',
        '// Returns 401',
      ],
    );
  });

  it('pattern B: one snippet with a fresh token', () => {
    const { text, result } = load(GUIDE_DIR, 'pattern-b-fresh-token.studio');
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['SnippetBlock'],
    );
    const block = snippets(result)[0]!;
    assert.equal(block.program.body.length, 3);
    assert.equal(slice(text, block.program.body[0]!), 'var freshToken = GetOAuthToken();');
  });

  it('strategy A: SET statements and the secret substitutions have exact ranges', () => {
    const { text, result } = load(GUIDE_DIR, 'strategy-a-fresh-token.studio');
    const block = snippets(result)[0]!;
    assert.deepEqual(
      block.sets.map((s) => [
        s.name,
        slice(text, s.nameRange),
        slice(text, s.keywordRange),
        slice(text, s.range),
        s.value && slice(text, s.value),
      ]),
      [
        ['strCustomerName', 'strCustomerName', 'SET', 'SET strCustomerName = customer.name;', 'customer.name'],
        ['strAccountTier', 'strAccountTier', 'SET', 'SET strAccountTier = customer.tier;', 'customer.tier'],
      ],
    );
    assert.deepEqual(
      block.substitutions.map((s) => [s.name, slice(text, s.range), slice(text, s.nameRange)]),
      [
        ['CLIENT_ID', '{CLIENT_ID}', 'CLIENT_ID'],
        ['CLIENT_SECRET', '{CLIENT_SECRET}', 'CLIENT_SECRET'],
      ],
    );
    const literal = block.substitutions[0]!.stringNode!;
    assert.equal(literal.type, 'Literal');
    assert.equal(
      slice(text, literal),
      '"grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}&scope=api.read"',
    );
    assert.equal(nodesWithText(text, block.program, '"https://auth.your-idp.com/oauth/token"', 'Literal').length, 1);
    assert.equal(
      nodesWithText(
        text,
        block.program,
        'apiReq.headers["Authorization"] = "Bearer " + accessToken',
        'AssignmentExpression',
      ).length,
      1,
    );
  });

  it('strategy B: SETs inside if/else, the expiry check and the cached-token substitutions', () => {
    const { text, result } = load(GUIDE_DIR, 'strategy-b-cached-token.studio');
    const block = snippets(result)[0]!;
    assert.deepEqual(
      block.sets.map((s) => slice(text, s.range)),
      [
        'SET strCachedToken = validToken;',
        'SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();',
        'SET strApiResult = apiResp.body;',
      ],
    );
    assert.equal(slice(text, block.sets[1]!.value!), '(currentTime + tokenData.expires_in).toString()');
    assert.deepEqual(
      block.substitutions.map((s) => slice(text, s.range)),
      ['{strTokenExpiry}', '{strCachedToken}', '{SECURE_CLIENT_ID}', '{SECURE_CLIENT_SECRET}'],
    );
    assert.equal(nodesWithText(text, block.program, 'currentTime < (tokenExpiry - 300)', 'BinaryExpression').length, 1);
    assert.equal(nodesWithText(text, block.program, 'Date.now()', 'CallExpression').length, 1);
    const ifs: AnyNode[] = [];
    walkNodes(block.program, (n) => {
      if (n.type === 'IfStatement') ifs.push(n);
    });
    assert.equal(ifs.length, 1);
  });

  it('401 handling: snippet, DECISION with Studio "=" as ==, YES/NO branches', () => {
    const { text, result } = load(GUIDE_DIR, 'error-handling-401.studio');
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['SnippetBlock', 'Decision', 'Branch', 'Branch'],
    );
    const block = snippets(result)[0]!;
    assert.equal(block.sets.length, 7);
    assert.deepEqual(
      block.sets.map((s) => s.name),
      [
        'strCachedToken',
        'strTokenExpiry',
        'strApiError',
        'strCustomerName',
        'strCustomerName',
        'strApiError',
        'strApiError',
      ],
    );
    assert.equal(nodesWithText(text, block.program, 'apiResp.statusCode == 401', 'BinaryExpression').length, 1);

    const decision = result.items[1]!;
    assert.ok(decision.kind === 'Decision');
    assert.equal(decision.conditionText, '"{strApiError}" = ""');
    assert.equal(slice(text, decision.range), 'DECISION "{strApiError}" = ""');
    assert.equal(decision.expression?.type, 'BinaryExpression');
    assert.ok(decision.expression?.type === 'BinaryExpression');
    assert.equal(decision.expression.operator, '==');
    assert.equal(slice(text, decision.expression.left), '"{strApiError}"');
    assert.deepEqual(
      decision.substitutions.map((s) => [s.name, slice(text, s.range), s.stringNode?.type]),
      [['strApiError', '{strApiError}', 'Literal']],
    );

    const [yes, no] = [result.items[2]!, result.items[3]!];
    assert.ok(yes.kind === 'Branch' && no.kind === 'Branch');
    assert.equal(yes.label, 'YES');
    assert.equal(yes.targetText, 'Continue with customer data');
    assert.equal(slice(text, yes.targetRange), 'Continue with customer data');
    assert.equal(slice(text, yes.labelRange), 'YES');
    assert.equal(no.label, 'NO');
    assert.equal(no.targetText, 'Set default values, route to general queue, log error');
    assert.equal(slice(text, no.range), 'NO --> [Set default values, route to general queue, log error]');
  });

  it('strategy C: the proxy call, its secure API key and 401/403 handling', () => {
    const { text, result } = load(STUDIO_DIR, 'strategy-c-token-proxy.studio');
    const block = snippets(result)[0]!;
    assert.deepEqual(
      block.substitutions.map((s) => s.name),
      ['SECURE_PROXY_API_KEY'],
    );
    assert.equal(
      nodesWithText(
        text,
        block.program,
        '"https://tokenproxy.internal.example/api/token-proxy/crm/customers/" + strCustomerId',
      ).length,
      1,
    );
    assert.equal(nodesWithText(text, block.program, 'proxyResp.statusCode == 403', 'BinaryExpression').length, 1);
    assert.ok(
      block.sets.some((s) => s.name === 'strApiError' && s.value && slice(text, s.value) === '"PROXY_AUTH_FAILURE"'),
    );
  });

  it('long IVR: actions, menu-digit branches, WAITs and a later snippet', () => {
    const { text, result } = load(STUDIO_DIR, 'long-ivr-with-wait.studio');
    const waits = result.items.filter((i) => i.kind === 'Wait');
    assert.deepEqual(
      waits.map((w) => (w.kind === 'Wait' ? w.seconds : 'x')),
      [300, 300, undefined],
    );
    const actions = result.items.flatMap((i) => (i.kind === 'Action' ? [i.name] : []));
    assert.deepEqual(actions, ['PLAY', 'MENU', 'REQAGENT', 'ONANSWER', 'HOLD', 'PLAY', 'PLAY', 'HANGUP']);
    const branches = result.items.flatMap((i) => (i.kind === 'Branch' ? [[i.label, i.targetText]] : []));
    assert.deepEqual(branches[0], ['1', 'Billing self-service']);
    const lastPlay = result.items.filter((i) => i.kind === 'Action').at(-2)!;
    assert.ok(lastPlay.kind === 'Action');
    assert.deepEqual(
      lastPlay.substitutions.map((s) => slice(text, s.range)),
      ['{strCustomerName}'],
    );
    const block = snippets(result)[0]!;
    assert.deepEqual(
      block.substitutions.map((s) => s.name),
      ['strCustomerId'],
    );
    assert.equal(result.items.indexOf(block) > result.items.findIndex((i) => i.kind === 'Wait'), true);
  });

  it('two-step exchange: lower-case keywords, template-literal substitutions', () => {
    const { text, result } = load(STUDIO_DIR, 'two-step-token-exchange.studio');
    const block = snippets(result)[0]!;
    assert.equal(slice(text, block.keywordRange), 'snippet');
    assert.equal(slice(text, block.endKeywordRange!), 'end snippet');
    const fromTemplate = block.substitutions.filter((s) => s.stringNode?.type === 'TemplateLiteral');
    assert.deepEqual(
      fromTemplate.map((s) => slice(text, s.range)),
      ['{SECURE_CLIENT_ID}', '{SECURE_CLIENT_SECRET}'],
    );
    assert.deepEqual(
      [...new Set(block.sets.map((s) => s.name))],
      [
        'strClientToken',
        'strClientTokenExpiry',
        'strResourceToken',
        'strResourceTokenExpiry',
        'strApiError',
        'strAccountStatus',
      ],
    );
    const assigns = result.items.filter((i) => i.kind === 'ScriptAssign');
    assert.deepEqual(
      assigns.map((a) => (a.kind === 'ScriptAssign' ? `${a.keyword} ${a.target}` : '')),
      ['SET strClientToken', 'SET strClientTokenExpiry', 'SET strResourceToken', 'SET strResourceTokenExpiry'],
    );
  });
});
