// The language configurations' regular expressions are compiled by VS Code as JavaScript RegExps;
// these tests compile them the same way and check them on realistic lines.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

interface AutoClosingPair {
  open: string;
  close: string;
  notIn?: string[];
}

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: AutoClosingPair[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  wordPattern: string;
}

function loadConfiguration(file: string): LanguageConfiguration {
  return JSON.parse(readFileSync(path.join(projectRoot, 'syntaxes', file), 'utf8')) as LanguageConfiguration;
}

const configurations = {
  snippet: loadConfiguration('cxone-snippet.language-configuration.json'),
  studio: loadConfiguration('cxone-studio.language-configuration.json'),
};

function pairFor(configuration: LanguageConfiguration, open: string): AutoClosingPair | undefined {
  return configuration.autoClosingPairs.find((pair) => pair.open === open);
}

describe('language configurations', () => {
  for (const [label, configuration] of Object.entries(configurations)) {
    describe(label, () => {
      it('uses // line comments and the three bracket pairs', () => {
        assert.equal(configuration.comments.lineComment, '//');
        assert.deepEqual(configuration.brackets, [
          ['{', '}'],
          ['[', ']'],
          ['(', ')'],
        ]);
      });

      it('auto-closes quotes outside strings and comments, and { inside strings (interpolation)', () => {
        for (const quote of ['"', "'"]) {
          assert.deepEqual(pairFor(configuration, quote)?.notIn, ['string', 'comment']);
        }
        assert.deepEqual(pairFor(configuration, '{')?.notIn, ['comment']);
        assert.deepEqual(
          configuration.surroundingPairs.map(([open]) => open),
          ['{', '[', '(', '"', "'"],
        );
      });

      it('indents after an opening brace and outdents at a closing brace', () => {
        const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
        assert.ok(increase.test('IF proxy.StatusCode != 200 {'));
        assert.ok(increase.test('} ELSE { // retry once'));
        assert.ok(!increase.test('CASE 4 { ASSIGN item="FOUR" }'));
        assert.ok(!increase.test('// the body looks like { ... '));
        assert.ok(!increase.test('ASSIGN url = "{baseURL}/v2"'));
        assert.ok(decrease.test('  }'));
        assert.ok(decrease.test('} ELSE {'));
        assert.ok(!decrease.test('ASSIGN x = 1'));
      });
    });
  }

  it('treats a global: prefix as part of a Snippet word', () => {
    const word = new RegExp(configurations.snippet.wordPattern, 'g');
    assert.deepEqual('ASSIGN Global:accessToken = token.left(32)'.match(word), [
      'ASSIGN',
      'Global:accessToken',
      'token',
      'left',
      '32',
    ]);
  });

  it('folds SNIPPET ... END SNIPPET in the guide notation', () => {
    const { start, end } = configurations.studio.folding.markers;
    const startMarker = new RegExp(start);
    const endMarker = new RegExp(end);
    assert.ok(startMarker.test('SNIPPET'));
    assert.ok(startMarker.test('SNIPPET // token manager'));
    assert.ok(!startMarker.test('// SNIPPET: Token manager with expiry tracking'));
    assert.ok(!startMarker.test('[Studio SNIPPET]'));
    assert.ok(endMarker.test('END SNIPPET'));
    assert.ok(!endMarker.test('// END SNIPPET'));
  });

  it('folds // #region markers in Snippet code', () => {
    const { start, end } = configurations.snippet.folding.markers;
    assert.ok(new RegExp(start).test('// #region token cache'));
    assert.ok(new RegExp(end).test('  //#endregion'));
    assert.ok(!new RegExp(start).test('ASSIGN x = "// #region"'));
  });
});
