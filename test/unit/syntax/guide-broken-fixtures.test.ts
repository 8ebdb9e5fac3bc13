import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseGuide } from '../../../server/src/syntax/guide';
import { describeRange, readAnnotated } from '../../helpers/annotated';

const STUDIO_DIR = join(__dirname, '../../fixtures/guide-scripts');

/** Each annotation is one expected ParseError: same range, message starting with the annotation's message. */
describe('studio parser: annotated broken fixtures', () => {
  const broken = readdirSync(STUDIO_DIR)
    .filter((f) => f.startsWith('broken-') && f.endsWith('.studio'))
    .sort();

  it('has broken fixtures', () => {
    assert.ok(broken.includes('broken-unterminated-snippet.studio'));
    assert.ok(broken.includes('broken-js-in-body.studio'));
  });

  for (const file of broken) {
    it(`${file} reports exactly the annotated errors`, () => {
      const { text, expected } = readAnnotated(readFileSync(join(STUDIO_DIR, file), 'utf8'));
      assert.ok(expected.length > 0);
      const result = parseGuide(text);
      const actual = result.errors.map((e) => `${describeRange(text, e.range)}`);
      assert.deepEqual(
        actual,
        expected.map((e) => describeRange(text, e.range)),
      );
      result.errors.forEach((error, i) => {
        const message = expected[i]!.message;
        if (message !== undefined)
          assert.ok(error.message.startsWith(message), `${error.message} should start with ${message}`);
      });
    });
  }

  it('an unterminated block still yields a tree for analysis', () => {
    const { text } = readAnnotated(readFileSync(join(STUDIO_DIR, 'broken-unterminated-snippet.studio'), 'utf8'));
    const result = parseGuide(text);
    const block = result.items.at(-1)!;
    assert.ok(block.kind === 'SnippetBlock');
    assert.equal(block.endKeywordRange, undefined);
    assert.equal(block.range.end, text.length);
    assert.equal(block.bodyRange.end, text.length);
    assert.deepEqual(
      block.sets.map((s) => s.name),
      ['strApiError'],
    );
    assert.ok(block.program.body.length >= 5);
  });

  it('broken bodies fall back to acorn-loose trees and still find SETs', () => {
    const { text } = readAnnotated(readFileSync(join(STUDIO_DIR, 'broken-js-in-body.studio'), 'utf8'));
    const blocks = parseGuide(text).items.filter((i) => i.kind === 'SnippetBlock');
    assert.equal(blocks.length, 3);
    for (const block of blocks) {
      assert.ok(block.kind === 'SnippetBlock');
      assert.equal(block.exact, false);
      assert.ok(block.program.body.length > 0);
    }
    const second = blocks[1]!;
    assert.ok(second.kind === 'SnippetBlock');
    assert.deepEqual(
      second.sets.map((s) => [s.name, s.value && text.slice(s.value.start, s.value.end)]),
      [
        ['strCachedToken', 'tokenData.access_token'],
        ['strTokenExpiry', '(Math.floor(Date.now() / 1000) + tokenData.expires_in).toString()'],
      ],
    );
  });
});
