import { strict as assert } from 'node:assert';
import type { AnyNode } from 'acorn';
import {
  parseGuide,
  walkNodes,
  walkWithAncestors,
  type GuideItem,
  type GuideParseResult,
} from '../../../server/src/syntax/guide';
import { describeRange, readAnnotated } from '../../helpers/annotated';

function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

function only<K extends GuideItem['kind']>(result: GuideParseResult, kind: K): Extract<GuideItem, { kind: K }>[] {
  return result.items.filter((i): i is Extract<GuideItem, { kind: K }> => i.kind === kind);
}

/** Parses an annotated source and asserts the errors match the caret annotations (range, message prefix). */
function checkErrors(source: string): { text: string; result: GuideParseResult } {
  const { text, expected } = readAnnotated(source);
  const result = parseGuide(text);
  assert.deepEqual(
    result.errors.map((e) => describeRange(text, e.range)),
    expected.map((e) => describeRange(text, e.range)),
    `errors: ${JSON.stringify(result.errors.map((e) => e.message))}`,
  );
  result.errors.forEach((error, i) => {
    const message = expected[i]!.message;
    if (message !== undefined)
      assert.ok(error.message.startsWith(message), `"${error.message}" should start with "${message}"`);
  });
  return { text, result };
}

describe('studio parser: script-level lines', () => {
  it('reads ASSIGN and SET with values, targets, comments and substitutions', () => {
    const text = [
      'ASSIGN strToken = GetOAuthToken(); // at call start',
      'set global:strUrl = "https://api.example.com/customers/{strCustomerId}/orders?since={global:strSince}"',
      'ASSIGN total = (a + b);',
      'ASSIGN obj.field = { tier: "gold", ids: [1, 2] }',
      'SET strAuth = `Bearer {strToken}`;',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    const assigns = only(result, 'ScriptAssign');
    assert.deepEqual(
      assigns.map((a) => [
        a.keyword,
        a.target,
        slice(text, a.targetRange),
        slice(text, a.valueRange),
        slice(text, a.range),
      ]),
      [
        ['ASSIGN', 'strToken', 'strToken', 'GetOAuthToken()', 'ASSIGN strToken = GetOAuthToken();'],
        [
          'SET',
          'global:strUrl',
          'global:strUrl',
          '"https://api.example.com/customers/{strCustomerId}/orders?since={global:strSince}"',
          'set global:strUrl = "https://api.example.com/customers/{strCustomerId}/orders?since={global:strSince}"',
        ],
        ['ASSIGN', 'total', 'total', '(a + b)', 'ASSIGN total = (a + b);'],
        [
          'ASSIGN',
          'obj.field',
          'obj.field',
          '{ tier: "gold", ids: [1, 2] }',
          'ASSIGN obj.field = { tier: "gold", ids: [1, 2] }',
        ],
        ['SET', 'strAuth', 'strAuth', '`Bearer {strToken}`', 'SET strAuth = `Bearer {strToken}`;'],
      ],
    );
    assert.equal(slice(text, assigns[2]!.value!), 'a + b');
    assert.equal(assigns[3]!.value!.type, 'ObjectExpression');
    assert.deepEqual(
      assigns[1]!.substitutions.map((s) => [
        s.name,
        slice(text, s.range),
        slice(text, s.nameRange),
        s.stringNode?.type,
      ]),
      [
        ['strCustomerId', '{strCustomerId}', 'strCustomerId', 'Literal'],
        ['global:strSince', '{global:strSince}', 'global:strSince', 'Literal'],
      ],
    );
    assert.deepEqual(
      assigns[4]!.substitutions.map((s) => [slice(text, s.range), s.stringNode?.type]),
      [['{strToken}', 'TemplateLiteral']],
    );
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// at call start'],
    );
  });

  it('reports malformed ASSIGN lines at exact positions', () => {
    const { text, result } = checkErrors(
      [
        'ASSIGN = 5',
        '^^^^^^ syntax-error: ASSIGN needs a variable name',
        'ASSIGN strToken GetOAuthToken()',
        "                ^^^^^^^^^^^^^^^ syntax-error: Expected '=' after ASSIGN strToken",
        'SET strToken =   // nothing yet',
        '             ^ syntax-error: SET strToken has no value',
        'ASSIGN strToken = GetOAuthToken(',
        '                               ^ syntax-error: Unexpected end of ASSIGN value',
        'ASSIGN url = "https://x/{id',
        '             ^^^^^^^^^^^^^^ syntax-error: Unterminated string',
        'ASSIGN n = 1 2 // two values',
        '             ^ syntax-error: Unexpected text after the ASSIGN value',
        'ASSIGN x = a +* b',
        "              ^ syntax-error: Unexpected '*' in ASSIGN value",
      ].join('\n'),
    );
    const assigns = only(result, 'ScriptAssign');
    assert.deepEqual(
      assigns.map((a) => a.target),
      ['strToken', 'strToken', 'url', 'n', 'x'],
    );
    assert.equal(assigns[0]!.value, undefined);
    assert.equal(assigns[1]!.value?.type, 'CallExpression', 'acorn-loose still gives the call');
    assert.deepEqual(
      assigns[2]!.substitutions.map((s) => slice(text, s.range)),
      [],
    );
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// nothing yet', '// two values'],
    );
  });

  it('reads DECISION conditions with Studio "=" and lenient free text', () => {
    const { text, result } = checkErrors(
      [
        'DECISION "{strApiError}" = ""',
        'decision strTier = "Gold" & strBalance >= 100 // VIP path',
        'DECISION customer is a VIP',
        'DECISION "{strApiError} = ""',
        '                           ^ syntax-error: Unterminated string',
        'DECISION',
        '^^^^^^^^ syntax-error: DECISION needs a condition',
      ].join('\n'),
    );
    const decisions = only(result, 'Decision');
    assert.equal(decisions.length, 4);
    const [first, second, third] = decisions;
    assert.ok(first!.expression?.type === 'BinaryExpression' && first.expression.operator === '==');
    const second0 = second!.expression;
    assert.ok(second0?.type === 'BinaryExpression' && second0.operator === '&');
    assert.ok(second0.left.type === 'BinaryExpression' && second0.left.operator === '==');
    assert.ok(second0.right.type === 'BinaryExpression' && second0.right.operator === '>=');
    assert.equal(slice(text, second!.conditionRange), 'strTier = "Gold" & strBalance >= 100');
    assert.equal(third!.expression, undefined);
    assert.equal(third!.conditionText, 'customer is a VIP');
    assert.deepEqual(
      decisions[3]!.substitutions.map((s) => s.name),
      ['strApiError'],
    );
  });

  it('reads branches, waits, elisions and actions', () => {
    const text = [
      'YES --> [Continue with customer data]',
      'no-->[Route to general queue] // fallback',
      '--> [Token Proxy Service]',
      'DEFAULT --> Queue for agent',
      'WAIT',
      'WAIT 300',
      'wait 2.5; // seconds',
      'WAIT 5m',
      '...',
      '\u2026',
      'PLAY "Hello {strCustomerName}, please hold." // greeting',
      'MENU',
      'REQAGENT Skill="Billing"',
      'play "lower-case action"',
      'PLAY http://example.com/hold-music.wav',
      'END',
      'OnAnswer',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      only(result, 'Branch').map((b) => [
        b.label,
        slice(text, b.labelRange),
        b.targetText,
        slice(text, b.targetRange),
        slice(text, b.range),
      ]),
      [
        [
          'YES',
          'YES',
          'Continue with customer data',
          'Continue with customer data',
          'YES --> [Continue with customer data]',
        ],
        ['NO', 'no', 'Route to general queue', 'Route to general queue', 'no-->[Route to general queue]'],
        ['', '', 'Token Proxy Service', 'Token Proxy Service', '--> [Token Proxy Service]'],
        ['DEFAULT', 'DEFAULT', 'Queue for agent', 'Queue for agent', 'DEFAULT --> Queue for agent'],
      ],
    );
    assert.deepEqual(
      only(result, 'Wait').map((w) => [w.seconds, w.argsText, slice(text, w.range)]),
      [
        [undefined, '', 'WAIT'],
        [300, '300', 'WAIT 300'],
        [2.5, '2.5', 'wait 2.5;'],
        [undefined, '5m', 'WAIT 5m'],
      ],
    );
    assert.deepEqual(
      only(result, 'Elision').map((e) => slice(text, e.range)),
      ['...', '\u2026'],
    );
    const actions = only(result, 'Action');
    assert.deepEqual(
      actions.map((a) => [a.name, slice(text, a.nameRange), a.argsText, slice(text, a.argsRange)]),
      [
        ['PLAY', 'PLAY', '"Hello {strCustomerName}, please hold."', '"Hello {strCustomerName}, please hold."'],
        ['MENU', 'MENU', '', ''],
        ['REQAGENT', 'REQAGENT', 'Skill="Billing"', 'Skill="Billing"'],
        ['play', 'play', '"lower-case action"', '"lower-case action"'],
        ['PLAY', 'PLAY', 'http://example.com/hold-music.wav', 'http://example.com/hold-music.wav'],
        ['END', 'END', '', ''],
        ['OnAnswer', 'OnAnswer', '', ''],
      ],
    );
    assert.deepEqual(
      actions[0]!.substitutions.map((s) => slice(text, s.range)),
      ['{strCustomerName}'],
    );
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// fallback', '// seconds', '// greeting'],
    );
  });

  it('reports lines that are not Studio script, but not flow-sketch actions', () => {
    checkErrors(
      [
        'strToken = GetOAuthToken();',
        '^^^^^^^^^^^^^^^^^^^^^^^^^^^ syntax-error: A script-level assignment needs ASSIGN or SET',
        'req.send();',
        '^^^^^^^^^^^ syntax-error: Unrecognised script line',
        'var resp = req.send();',
        '^^^^^^^^^^^^^^^^^^^^^^ syntax-error: Unrecognised script line',
        '[Studio SNIPPET]',
        '^^^^^^^^^^^^^^^^ syntax-error: Unrecognised script line',
        'HOLD',
      ].join('\n'),
    );
  });

  it('skips script-level block comments, including multi-line ones', () => {
    const text = '/* header\n   more */ ASSIGN a = 1;\n/* one */\nWAIT 5\n/* never closed\nWAIT 6';
    const result = parseGuide(text);
    assert.deepEqual(
      result.items.map((i) => slice(text, i.range)),
      ['ASSIGN a = 1;', 'WAIT 5'],
    );
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['/* header\n   more */', '/* one */', '/* never closed\nWAIT 6'],
    );
    assert.deepEqual(
      result.errors.map((e) => [slice(text, e.range), e.message]),
      [['/*', 'Unterminated comment: `*/` is missing']],
    );
  });
});

describe('studio parser: SNIPPET blocks', () => {
  it('masks SET keywords at statement starts only, keeping document offsets', () => {
    const text = [
      'SNIPPET // fetch the account',
      'var label = "SET x = 1;"; // not a SET: inside a string',
      'if (ok) { SET strA = 1; } else { set strB = 2; }',
      'SET global:strToken = tokenData.access_token;',
      'SET obj.field = "{strAccountId}";',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    const block = only(result, 'SnippetBlock')[0]!;
    assert.equal(block.exact, true);
    assert.deepEqual(
      block.sets.map((s) => [
        s.name,
        slice(text, s.nameRange),
        slice(text, s.keywordRange),
        slice(text, s.range),
        slice(text, s.value!),
      ]),
      [
        ['strA', 'strA', 'SET', 'SET strA = 1;', '1'],
        ['strB', 'strB', 'set', 'set strB = 2;', '2'],
        [
          'global:strToken',
          'global:strToken',
          'SET',
          'SET global:strToken = tokenData.access_token;',
          'tokenData.access_token',
        ],
        ['obj.field', 'obj.field', 'SET', 'SET obj.field = "{strAccountId}";', '"{strAccountId}"'],
      ],
    );
    assert.deepEqual(
      block.substitutions.map((s) => slice(text, s.range)),
      ['{strAccountId}'],
    );
    assert.equal(slice(text, block.bodyRange).startsWith(' // fetch the account\n'), true);
    assert.equal(slice(text, block.range), text);
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// fetch the account', '// not a SET: inside a string'],
    );
  });

  it('gives every acorn node a document offset', () => {
    const text = [
      'WAIT 300',
      'SNIPPET',
      'req.headers["Authorization"] = "Bearer " + strToken;',
      'END SNIPPET',
      'SNIPPET',
      'var x = `a${b}c`;',
      'END SNIPPET',
      '',
    ].join('\n');
    const result = parseGuide(text);
    const blocks = only(result, 'SnippetBlock');
    const members: string[] = [];
    for (const block of blocks) {
      walkNodes(block.program, (node) => {
        assert.ok(node.start >= block.bodyRange.start && node.end <= block.bodyRange.end, node.type);
        if (node.type === 'MemberExpression') members.push(slice(text, node));
      });
    }
    assert.deepEqual(members, ['req.headers', 'req.headers["Authorization"]']);
    const ancestorsOfB: string[] = [];
    walkWithAncestors(blocks[1]!.program, (node: AnyNode, ancestors) => {
      if (node.type === 'Identifier' && node.name === 'b') ancestorsOfB.push(...ancestors.map((a) => a.type));
    });
    assert.deepEqual(ancestorsOfB, [
      'Program',
      'VariableDeclaration',
      'VariableDeclarator',
      'TemplateLiteral',
      'Identifier',
    ]);
  });

  it('reports body syntax errors with readable messages', () => {
    checkErrors(
      [
        'SNIPPET',
        'var tokenValue = "{strCachedToken};',
        '                 ^^^^^^^^^^^^^^^^^^ syntax-error: Unterminated string: the closing quote is missing',
        'END SNIPPET',
        'SNIPPET',
        'if (a) { x(); }}',
        "               ^ syntax-error: Unexpected '}' in SNIPPET body",
        'END SNIPPET',
        'SNIPPET',
        'SET strToken;',
        '    ^^^^^^^^ syntax-error: SET strToken needs a value: SET strToken = value;',
        'END SNIPPET',
        'SNIPPET',
        'var body = JSON.stringify({ id: 1 ;',
        '                                  ^ syntax-error: Unexpected',
        'END SNIPPET',
        'SNIPPET',
        'var a = [1, 2',
        "        ^ syntax-error: '[' is not closed before END SNIPPET",
        'END SNIPPET',
        'SNIPPET',
        'var a = 1 +',
        'END SNIPPET',
        '^^^^^^^^^^^ syntax-error: Unexpected end of SNIPPET body',
      ].join('\n'),
    );
  });

  it('recovers from END SNIPPET without SNIPPET and from a SNIPPET line inside an open block', () => {
    const { text, result } = checkErrors(
      [
        'END SNIPPET extra',
        '^^^^^^^^^^^ syntax-error: END SNIPPET without a matching SNIPPET',
        '            ^^^^^ syntax-error: Unexpected text after END SNIPPET',
        'SNIPPET',
        '^^^^^^^ syntax-error: SNIPPET block is not closed by END SNIPPET',
        'var a = 1;',
        'SNIPPET // the author forgot END SNIPPET above',
        'var b = 2;',
        'END SNIPPET // done',
        'WAIT 5',
      ].join('\n'),
    );
    const blocks = only(result, 'SnippetBlock');
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0]!.endKeywordRange, undefined);
    assert.equal(slice(text, blocks[0]!.bodyRange), '\nvar a = 1;\n');
    assert.equal(slice(text, blocks[1]!.bodyRange), ' // the author forgot END SNIPPET above\nvar b = 2;\n');
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['SnippetBlock', 'SnippetBlock', 'Wait'],
    );
  });

  it('keeps CRLF offsets exact', () => {
    const lines = [
      'ASSIGN strToken = GetOAuthToken(); // start',
      'SNIPPET',
      'req.headers["Authorization"] = "Bearer " + strToken; // stale',
      'SET strResult = "{strCustomerId}";',
      'END SNIPPET',
      'DECISION "{strApiError}" = ""',
      'YES --> [Continue]',
      '',
    ];
    const text = lines.join('\r\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.items.map((i) => slice(text, i.range).split('\r\n')[0]),
      ['ASSIGN strToken = GetOAuthToken();', 'SNIPPET', 'DECISION "{strApiError}" = ""', 'YES --> [Continue]'],
    );
    const block = only(result, 'SnippetBlock')[0]!;
    assert.equal(slice(text, block.endKeywordRange!), 'END SNIPPET');
    assert.equal(slice(text, block.sets[0]!.range), 'SET strResult = "{strCustomerId}";');
    assert.equal(slice(text, block.substitutions[0]!.range), '{strCustomerId}');
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// start', '// stale'],
    );
    assert.equal(only(result, 'Branch')[0]!.targetText, 'Continue');
  });

  it('handles an empty file, blank lines and a lone CR', () => {
    for (const text of ['', '\n\n', '\r', '   \t  ', '\r\n\r\n']) {
      assert.deepEqual(parseGuide(text), { items: [], errors: [], comments: [] });
    }
  });

  it('rejects binary junk with one clear error', () => {
    const junk = 'PK\u0003\u0004\u0014\u0000\u0008\u0000\u0000\u0000!\u0000\u00ff\u00fe';
    const result = parseGuide(junk);
    assert.deepEqual(result.items, []);
    assert.deepEqual(result.errors, [
      {
        range: { start: 5, end: 6 },
        message: 'This file contains binary data (a NUL character); it is not a Studio script',
      },
    ]);
    const noNul = '\u00ff\u00fe\u0001\u0002 \u00e9\u00e8\n\u0007\u0008SNIPPET\n\u0001\nEND SNIPPET';
    const other = parseGuide(noNul);
    assert.ok(other.errors.length >= 1);
  });

  it('parses 2,000 snippet blocks and 2,000 script lines linearly', () => {
    const block = [
      'ASSIGN strToken = GetOAuthToken(); // once',
      'WAIT 300',
      'SNIPPET',
      'var req = new CXone.HttpRequest();',
      'req.headers["Authorization"] = "Bearer " + "{strToken}";',
      'SET strResult = req.send().body;',
      'END SNIPPET',
    ].join('\n');
    const text = Array.from({ length: 2000 }, () => block).join('\n');
    const result = parseGuide(text);
    assert.equal(result.errors.length, 0);
    assert.equal(result.items.length, 6000);
    const last = only(result, 'SnippetBlock').at(-1)!;
    assert.equal(slice(text, last.sets[0]!.range), 'SET strResult = req.send().body;');
    assert.equal(slice(text, last.substitutions[0]!.range), '{strToken}');
  });

  it('survives a huge unterminated block and deeply nested code', () => {
    const unterminated = `SNIPPET\n${'var a = "x";\n'.repeat(20000)}`;
    const r1 = parseGuide(unterminated);
    assert.equal(r1.errors.length, 1);
    const nested = `SNIPPET\nvar a = ${'('.repeat(20000)}1${')'.repeat(20000)};\nEND SNIPPET`;
    const r2 = parseGuide(nested);
    for (const error of r2.errors) assert.ok(error.range.end <= nested.length);
  });
});
