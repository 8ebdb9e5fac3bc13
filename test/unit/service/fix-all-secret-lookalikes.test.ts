import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { fixAllText } from '../../../server/src/service/lint';
import { readAnnotated } from '../../helpers/annotated';

/**
 * fix-all (and so `studio-lint --fix`) rewrites a literal only when the rule is sure it is a secret (issue 13): the
 * values a place only ever holds credentials in and generated values under secret names are moved out; a value only
 * its name points at, and every look-alike (prompts, counters, header names, question texts), stays as written.
 */

const ROOT = join(__dirname, '..', '..', '..');
const fixture = (path: string): string => readAnnotated(readFileSync(join(ROOT, path), 'utf8')).text;

/** A literal as the script writes it, quotes included, so `"3"` does not match inside another value. */
const quoted = (value: string): string => `"${value}"`;

describe('fix-all leaves non-secrets and guesses alone (hardcoded-secret confidence)', () => {
  it('value-and-place.snippet: the sure secrets are moved out, the guess and the look-alikes stay', () => {
    const text = fixture('test/fixtures/rules/hardcoded-secret/value-and-place.snippet');
    const fixed = fixAllText('value-and-place.snippet', undefined, text, DEFAULT_SETTINGS).text;
    for (const secret of ['4f9c2e7a1b8d4c6e9a0f3b5d7e2c1a84', 'kR7vQ2mX9pL4wZ8nB3tY6hJ1', 'Zt4nW8qB2xL6vP0mK3rY7cH5'])
      assert.ok(!fixed.includes(secret), `${secret.slice(0, 4)}… is still in the script`);
    assert.ok(!fixed.includes(':Tr0ub4dor-Zeta9@'), 'the URL password is still in the script');
    for (const kept of ['Harbour!2291', 'key-in-your-partner-code.wav', 'x-api-key', 'What is your favourite colour?'])
      assert.ok(fixed.includes(quoted(kept)), `fix-all rewrote ${kept}`);
    assert.ok(fixed.includes('ASSIGN passRetries = 3'), 'fix-all rewrote a counter');
  });

  for (const path of [
    'test/fixtures/correct/secret-lookalikes-pin-line.snippet',
    'test/fixtures/correct/secret-lookalikes-claims-line.studio',
    'test/fixtures/correct/secret-lookalikes-stored-buffer-export.xml',
  ]) {
    it(`${path.split('/').pop()}: fix-all changes nothing`, () => {
      const text = fixture(path);
      const { text: fixed, applied } = fixAllText(path, undefined, text, DEFAULT_SETTINGS);
      assert.equal(applied, 0);
      assert.equal(fixed, text);
    });
  }
});
