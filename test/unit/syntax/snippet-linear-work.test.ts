import { strict as assert } from 'node:assert';
import { type TokenStream, tokenize } from '../../../server/src/syntax/snippet/lexer';
import { parseSnippetTokens } from '../../../server/src/syntax/snippet/parser';
import { parseGuide } from '../../../server/src/syntax/guide';

/**
 * The Snippet parser's work grows linearly with its input, even on input built to make recovery rescan: it is
 * counted, not timed, as the number of token kinds the parser reads (every loop over tokens reads them). Doubling
 * the input may at most double the reads, plus a little.
 */

/** Parses `text` and returns how many token kinds the parser read. */
function kindReads(text: string): number {
  const tokens = tokenize(text);
  let reads = 0;
  const counted = new Proxy(tokens.kinds, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property.charCodeAt(0) >= 48 && property.charCodeAt(0) <= 57) reads++;
      return Reflect.get(target, property, receiver === counted ? target : receiver);
    },
  });
  const result = parseSnippetTokens({ ...tokens, kinds: counted } as TokenStream);
  assert.ok(result.errors.length > 0 || text.length > 0);
  return reads;
}

/** Inputs of size `n` built to defeat recovery (one line, unbalanced groups, junk) and plain big input. */
const PATHOLOGICAL: Readonly<Record<string, (n: number) => string>> = {
  'ASSIGN x = a[[[[… on one line': (n) => `ASSIGN x = a${'['.repeat(n)}`,
  'unclosed calls on one line': (n) => `ASSIGN x = ${'f('.repeat(n)}`,
  'unclosed calls with junk between': (n) => `ASSIGN x = f(${'a b '.repeat(n)}`,
  'a call whose arguments never end, then its closer': (n) => `ASSIGN x = f(a ${'( '.repeat(n)}) )`,
  'index brackets with junk': (n) => `ASSIGN x = a[${'b ] ['.repeat(n)}`,
  'a parameter list that never closes': (n) => `FUNCTION f(${'a b '.repeat(n)}\n{\n}`,
  'unterminated interpolations': (n) => `ASSIGN x = ${'"{'.repeat(n)}`,
  'nested IF blocks': (n) => `${'IF x {\n'.repeat(n)}${'}\n'.repeat(n)}`,
  'one long line of additions': (n) => `ASSIGN x = a${' + a'.repeat(n)}`,
  'tiny statements': (n) => 'ASSIGN a = 1\n'.repeat(n),
  'tiny broken statements': (n) => 'ASSIGN a = (1\n'.repeat(n),
};

describe('snippet parser: linear work on pathological input', function () {
  this.timeout(60_000);

  for (const [name, make] of Object.entries(PATHOLOGICAL)) {
    it(`reads each token a bounded number of times: ${name}`, () => {
      const small = kindReads(make(5_000));
      const large = kindReads(make(10_000));
      assert.ok(large <= small * 2.1 + 100, `${small} reads for n = 5,000, ${large} for n = 10,000`);
    });
  }
});

describe('guide notation: recovery scans stay on their line', () => {
  it('finds a branch target only on its own line', () => {
    const text = ['YES --> [Retry', 'NO --> [Queue for an agent]'].join('\n');
    const [first, second] = parseGuide(text).items;
    assert.ok(first?.kind === 'Branch' && second?.kind === 'Branch');
    assert.equal(first.targetText, '[Retry');
    assert.equal(second.targetText, 'Queue for an agent');
  });
});
