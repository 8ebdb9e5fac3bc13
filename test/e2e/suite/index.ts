import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { say } from './log';

/**
 * The extension-test entry VS Code loads from `extensionTestsPath` (the @vscode/test-electron shape):
 * `run()` loads every compiled `*.e2e.js` beside this file into mocha (BDD) and resolves when all
 * pass. Mocha is bundled into this file (it is ESM-only since v12; VS Code 1.82's extension host
 * runs Node 18, which cannot require ESM). Output goes through console.log, which the extension
 * host forwards to the runner.
 *
 * Environment: STL_E2E_GREP (mocha --grep), STL_E2E_DEADLINE_MS (see helpers.ts).
 */
export function run(): Promise<void> {
  // Mocha's reporters print through Base.consoleLog.
  Mocha.reporters.Base.consoleLog = say;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.STL_E2E_GREP;
  if (grep) mocha.grep(grep);
  // Activation is measured from a cold extension, so its file runs first; the others in name order.
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.e2e.js'))
    .sort((a, b) => Number(!a.startsWith('activation')) - Number(!b.startsWith('activation')) || a.localeCompare(b));
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      say(`[result] passed ${passes} failed ${failures} pending ${pending}`);
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed.`));
      else resolve();
    });
  });
}
