import { strict as assert } from 'node:assert';
import { snippetErrors, guideErrors, assertLineEndings, assertIndented } from '../../helpers/template-checks';

describe('template code checks (the checks themselves)', () => {
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
