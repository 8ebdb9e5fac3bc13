import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseStudio } from './server/src/syntax/studio';
import { readAnnotated } from './test/helpers/annotated';
const FIXTURE_DIRS = [join(__dirname, 'test/fixtures/guide'), join(__dirname, 'test/fixtures/studio')];
const names = FIXTURE_DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.studio')).sort().map(f => join(dir, f)));
const fixtures = names.map((f) => readAnnotated(readFileSync(f, 'utf8')).text);
type M = any;
function apply(text: string, m: M): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert': return text.slice(0, at) + m.piece + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate': return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'replace': return text.slice(0, at) + m.char + text.slice(at + 1);
  }
  return text;
}
const [idx, muts] = JSON.parse(process.argv[2]!);
const text = (muts as M[]).reduce(apply, fixtures[idx]!);
console.log(names[idx]);
const r = parseStudio(text);
const seen = new Set<object>(); const stack: unknown[] = [r];
while (stack.length) { const v = stack.pop(); if (typeof v !== 'object' || v === null || seen.has(v)) continue; seen.add(v);
  const rec = v as Record<string, unknown>;
  if (typeof rec.start === 'number' && typeof rec.end === 'number' && !(0 <= rec.start && rec.start <= rec.end && rec.end <= text.length)) {
    console.log('BAD', JSON.stringify(rec, (k, x) => (k === 'loc' ? undefined : x)).slice(0, 600), 'of', text.length);
    console.log(JSON.stringify(text.slice((rec.end as number) - 300, (rec.start as number) + 100)));
  }
  for (const c of Object.values(rec)) if (typeof c === 'object' && c !== null) stack.push(c); }
