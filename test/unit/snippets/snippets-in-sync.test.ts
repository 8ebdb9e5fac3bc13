import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGENERATE_COMMAND, renderSnippetFiles, SNIPPET_FILES } from '../../../server/src/templates';

const ROOT = join(__dirname, '../../..');

describe('VS Code snippet files', () => {
  const generated = renderSnippetFiles();

  it('are generated for both notations', () => {
    assert.deepEqual(Object.keys(generated).sort(), Object.values(SNIPPET_FILES).sort());
  });

  for (const [path, text] of Object.entries(generated)) {
    it(`${path} equals what the templates generate`, () => {
      const file = join(ROOT, path);
      const hint = `${path} is out of date with server/src/templates: regenerate it with \`${REGENERATE_COMMAND}\``;
      assert.ok(existsSync(file), hint);
      // Compared with line endings normalised: a checkout may turn LF into CRLF.
      assert.equal(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'), text, hint);
    });
  }
});
