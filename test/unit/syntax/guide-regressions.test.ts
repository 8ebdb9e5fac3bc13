import { strict as assert } from 'node:assert';
import { parseGuide, walkNodes, type SnippetBlock, type GuideParseResult } from '../../../server/src/syntax/guide';
import { assertGuideRangesInside } from '../../helpers/range-checks';

function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

function blocks(result: GuideParseResult): SnippetBlock[] {
  return result.items.filter((i): i is SnippetBlock => i.kind === 'SnippetBlock');
}

describe('studio parser: ranges found outside the document by the property test', () => {
  it('a lone `/` ending an unclosed SNIPPET block stays in the document (acorn-loose: a regex past the end)', () => {
    const text = 'SNIPPET/';
    const result = parseGuide(text);
    assertGuideRangesInside(result, text.length);
    const [block] = blocks(result);
    assert.deepEqual([block!.program.start, block!.program.end], [7, 8]);
    assert.deepEqual(
      result.errors.map((e) => [e.message, slice(text, e.range)]),
      [['SNIPPET block is not closed by END SNIPPET', 'SNIPPET']],
    );
  });

  it('a trailing comment cut to a single `/` at the end of the file keeps the body tree inside the document', () => {
    const text = [
      '// Early in the script (call start)',
      'ASSIGN strToken = GetOAuthToken(); // Called at call start, never refreshed',
      '...',
      'SNIPPET',
      'req.headers["Authorization"] = "Bearer " + strToken; // strToken has expired',
      'var resp = req.send(); /',
    ].join('\n');
    const result = parseGuide(text);
    assertGuideRangesInside(result, text.length);
    const [block] = blocks(result);
    assert.equal(block!.program.end, text.length);
    assert.equal(block!.bodyRange.end, text.length);
  });

  it('a `${` left open by an unterminated `/*` in a template gives no TemplateElement ending before its start', () => {
    const text = [
      'SNIPPET',
      'var strAuthHeader = `Bearer ${strResourceToken /* exchanged above',
      'req.headers["Authorization"] = strAuthHeader;',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assertGuideRangesInside(result, text.length);
    const [block] = blocks(result);
    assert.equal(block!.exact, false);
    const elements: number[][] = [];
    walkNodes(block!.program, (node) => {
      if (node.type === 'TemplateElement') elements.push([node.start, node.end]);
    });
    assert.ok(elements.length >= 2, 'the template keeps its elements');
    for (const [start, end] of elements) assert.ok(start! <= end!, `TemplateElement ${start}-${end}`);
    assert.deepEqual(
      result.errors.map((e) => e.message),
      ['Unterminated comment: `*/` is missing'],
    );
  });

  it('an ASSIGN value ending in a lone `/` keeps its loose expression inside the line', () => {
    const text = 'ASSIGN strUrl = /';
    const result = parseGuide(text);
    assertGuideRangesInside(result, text.length);
  });
});

describe('studio parser: SET after a switch case, default or label', () => {
  it('masks SET on the line after `case 401:` and `default:` (a case without braces)', () => {
    const text = [
      'SNIPPET',
      'switch (resp.statusCode) {',
      ' case 401:',
      ' SET strApiError = "AUTH";',
      ' break;',
      ' default:',
      '   SET strApiError = "HTTP_" + resp.statusCode;',
      '}',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    const [block] = blocks(result);
    assert.equal(block!.exact, true);
    assert.deepEqual(
      block!.sets.map((s) => [s.name, slice(text, s.range), s.value ? slice(text, s.value) : undefined]),
      [
        ['strApiError', 'SET strApiError = "AUTH";', '"AUTH"'],
        ['strApiError', 'SET strApiError = "HTTP_" + resp.statusCode;', '"HTTP_" + resp.statusCode'],
      ],
    );
  });

  it('masks SET on the same line as its case, and after a case whose expression is a conditional', () => {
    const text = [
      'SNIPPET',
      'switch (resp.statusCode) {',
      '  case 401: SET strApiError = "AUTH"; break;',
      '  case retryForbidden ? 403 : 0:',
      '    SET strApiError = "FORBIDDEN";',
      '    break;',
      '  case (isServer ? 500 : 503):',
      '    SET strApiError = "SERVER";',
      '}',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      blocks(result)[0]!.sets.map((s) => [s.name, s.value ? slice(text, s.value) : undefined]),
      [
        ['strApiError', '"AUTH"'],
        ['strApiError', '"FORBIDDEN"'],
        ['strApiError', '"SERVER"'],
      ],
    );
  });

  it('masks SET on the line after a JavaScript label', () => {
    const text = [
      'SNIPPET',
      'retry:',
      'for (var attempt = 0; attempt < 3; attempt++) {',
      '  var resp = req.send();',
      '  if (resp.statusCode == 200) break retry;',
      '}',
      'done:',
      'SET strApiError = resp.statusCode == 200 ? "" : "HTTP_" + resp.statusCode;',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      blocks(result)[0]!.sets.map((s) => s.name),
      ['strApiError'],
    );
  });

  it('keeps conditionals and object literals split after a `:` exact, with the SETs around them', () => {
    const text = [
      'SNIPPET',
      'var strTier = isGold ?',
      '  "gold" :',
      '  "standard";',
      'var body = {',
      '  tier:',
      '    strTier,',
      '  since: "{global:strSince}"',
      '};',
      'SET strCustomerTier = strTier;',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    assert.equal(blocks(result)[0]!.exact, true);
    assert.deepEqual(
      blocks(result)[0]!.sets.map((s) => s.name),
      ['strCustomerTier'],
    );
  });
});
