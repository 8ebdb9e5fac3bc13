import { strict as assert } from 'node:assert';
import {
  forbiddenSnippetForms,
  snippetErrors,
  guideErrors,
  assertLineEndings,
  assertIndented,
} from '../../helpers/template-checks';

describe('template code checks (the checks themselves)', () => {
  it('finds each forbidden form in Snippet code', () => {
    const bad = [
      'WHILE x < 3 { x = x + 1 }',
      'IF a == 1 { b = 1 }',
      'IF a <> 1 { b = 1 }',
      'IF a = 1 && b = 2 { c = 1 }',
      'IF a = 1 || b = 2 { c = 1 }',
      'IF !a { c = 1 }',
      'ASSIGN a = 1;',
      'IF a = 1 { b = 1 } ELSE IF a = 2 { b = 2 }',
      'ASSIGN url = "https://x/" + id',
      'ASSIGN n = Random(1, 10)',
      'ASSIGN s = proxy.MakeUpRequest(u)',
    ];
    for (const code of bad) assert.notDeepEqual(forbiddenSnippetForms(code), [], code);
  });

  it('ignores the same characters inside strings and comments', () => {
    const good = [
      'ASSIGN note = "a == b && c || d; !e <> WHILE Random(1) + 2" // WHILE x == 1 && y; ELSE IF',
      'ASSIGN url = "{base}/v2/{id}"',
      'ASSIGN t = utc + (r.expires_in / 86400)',
      'ASSIGN p = GetRESTProxy()',
      'p.AddHeader("Authorization", "Bearer {t}")',
    ];
    for (const code of good) assert.deepEqual(forbiddenSnippetForms(code), [], code);
  });

  it('reports parse errors in both notations, and loose-parsed SNIPPET bodies', () => {
    assert.notDeepEqual(snippetErrors('IF a = 1 {'), []);
    assert.notDeepEqual(guideErrors('SNIPPET\nvar x = ;\nEND SNIPPET\n'), []);
    assert.deepEqual(guideErrors('SNIPPET\nvar x = 1;\nEND SNIPPET\n'), []);
  });

  it('checks line endings and indentation', () => {
    assert.throws(() => assertLineEndings('a\r\nb\n', '\r\n', 'mixed'));
    assert.throws(() => assertLineEndings('a\nb', '\n', 'unterminated'));
    assert.doesNotThrow(() => assertLineEndings('a\r\nb\r\n', '\r\n', 'crlf'));
    assert.throws(() => assertIndented('  a\nb\n', '\n', '  ', 'unindented'));
    assert.throws(() => assertIndented('  a\n  \n', '\n', '  ', 'blank with spaces'));
  });
});
