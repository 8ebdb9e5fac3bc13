import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SemanticTokensBuilder } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { encodeSemanticTokens } from '../../../server/src/lsp/semantic-tokens-handler';
import { Analysis, type SemanticToken } from '../../../server/src/service';
import { exportFixtureFiles } from '../../helpers/export-fixtures';
import { filesIn } from '../../helpers/fixture-texts';

/**
 * The semantic tokens handler encodes with one cursor over the lines instead of a position lookup per token and the
 * library's builder. The reference here is that straightforward encoding: the two must agree, token for token, on
 * whole documents and on any range, including CRLF line ends, characters outside the BMP and ranges that start or end
 * inside a token.
 */

function reference(document: TextDocument, tokens: readonly SemanticToken[], from: number, to: number): number[] {
  const builder = new SemanticTokensBuilder();
  for (const token of tokens) {
    if (token.end <= from || token.start >= to) continue;
    const start = document.positionAt(token.start);
    builder.push(start.line, start.character, token.end - token.start, token.type, token.modifiers);
  }
  return builder.build().data;
}

interface Sample {
  readonly name: string;
  readonly document: TextDocument;
  readonly tokens: readonly SemanticToken[];
}

function sample(name: string, text: string): Sample | undefined {
  const analysis = Analysis.of({ name, text }, DEFAULT_SETTINGS);
  if (!analysis) return undefined;
  return { name, document: TextDocument.create(`file:///${name}`, 'x', 1, text), tokens: analysis.semanticTokens() };
}

const FILES = [
  ...filesIn(['examples', 'test/fixtures/snippet', 'test/fixtures/correct'], '.snippet'),
  ...exportFixtureFiles().slice(0, 12),
];

const SAMPLES: Sample[] = [
  ...FILES.map((file) => sample(file, readFileSync(file, 'utf8'))),
  // CRLF, a character outside the BMP (two UTF-16 units) and blank lines between tokens.
  sample(
    'crlf.snippet',
    'ASSIGN greeting = "héllo 🎧 {ANI}"\r\n\r\n\r\n' +
      'IF greeting = "x"\r\n{\r\n  TRACE "{greeting}"\r\n}\r\n// end 🎧\r\n',
  ),
].filter((s): s is Sample => s !== undefined && s.tokens.length > 0);

describe('lsp: semantic tokens encoding', () => {
  it('has documents with tokens to encode', () => {
    assert.ok(SAMPLES.length >= 10, `found ${SAMPLES.length}`);
  });

  it('encodes whole documents as the position-per-token reference does', () => {
    for (const { name, document, tokens } of SAMPLES) {
      const expected = reference(document, tokens, 0, Number.POSITIVE_INFINITY);
      assert.deepEqual(encodeSemanticTokens(document, tokens, 0, Number.POSITIVE_INFINITY), expected, name);
    }
  });

  it('encodes any range as the reference does', () => {
    fc.assert(
      fc.property(fc.nat({ max: SAMPLES.length - 1 }), fc.nat(), fc.nat(), (index, a, b) => {
        const { document, tokens } = SAMPLES[index]!;
        const length = document.getText().length + 1;
        const from = Math.min(a % length, b % length);
        const to = Math.max(a % length, b % length);
        assert.deepEqual(encodeSemanticTokens(document, tokens, from, to), reference(document, tokens, from, to));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts tokens that arrive out of order', () => {
    const { document, tokens } = SAMPLES.find((s) => s.tokens.length > 3)!;
    const shuffled = [...tokens.slice(2), ...tokens.slice(0, 2)];
    const sorted = [...shuffled].sort((a, b) => a.start - b.start);
    assert.deepEqual(
      encodeSemanticTokens(document, shuffled, 0, Number.POSITIVE_INFINITY),
      reference(document, sorted, 0, Number.POSITIVE_INFINITY),
    );
  });
});
