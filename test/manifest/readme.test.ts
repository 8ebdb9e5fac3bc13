import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README', () => {
  it('starts with the two commands a newcomer runs, and both scripts exist', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    assert.match(firstBlock, /^npm install && npm run demo\b/m);
    assert.match(firstBlock, /^npm test\b/m);
    assert.ok(README.indexOf('```sh') < 40, 'the commands come first');
    assert.ok(PACKAGE.scripts.demo && PACKAGE.scripts.test);
  });

  it('shows exactly the Neovim configuration the Neovim test runs', () => {
    const lua = fs.readFileSync(path.join(ROOT, 'test', 'e2e', 'nvim', 'studio-lsp.lua'), 'utf8').trimEnd();
    assert.ok(
      README.includes(`\`\`\`lua\n${lua}\n\`\`\``),
      'README.md must contain test/e2e/nvim/studio-lsp.lua verbatim in a lua block',
    );
  });

  it('links only to files that exist', () => {
    for (const [, target] of README.matchAll(/\]\(((?!https?:)[^)#]+)(?:#[^)]*)?\)/g)) {
      assert.ok(fs.existsSync(path.join(ROOT, target!)), `README links to a missing file: ${target}`);
    }
  });

  it('lists every diagnostic code with its documentation page', () => {
    for (const page of fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f !== 'README.md')) {
      const code = page.replace(/\.md$/, '');
      assert.ok(README.includes(`[${code}](docs/rules/${page})`), `README does not list ${code}`);
    }
  });
});
