/**
 * Every finding on examples/ and every fixture (annotation lines removed), one line each: file, code, line:column,
 * the message's first words. Run before and after a change to the rules and diff the two outputs:
 *   npx tsx test/tools/findings-census.ts > before.txt
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readAnnotated } from '../helpers/annotated';
import { fixtureFiles, fixtureSettings } from '../helpers/fixture-runner';
import { lintText } from '../../server/src/service/lint';

const ROOT = join(__dirname, '../..');
const FOLDERS = ['examples', 'test/fixtures/rules', 'test/fixtures/correct', 'test/fixtures/analysis'];

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  return `${line}:${offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'))}`;
}

for (const folder of FOLDERS) {
  for (const file of fixtureFiles(join(ROOT, folder))) {
    const { text } = readAnnotated(readFileSync(file, 'utf8'));
    const linted = lintText(file, undefined, text, fixtureSettings(text));
    for (const finding of linted?.findings ?? []) {
      const words = finding.message.split(/\s+/).slice(0, 14).join(' ');
      console.log(`${relative(ROOT, file)}\t${finding.code}\t${lineColumn(text, finding.range.start)}\t${words}`);
    }
  }
}
