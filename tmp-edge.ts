import { parseStudio } from './server/src/syntax/studio';
const pieces = ['SNIPPET', '\n', 'END SNIPPET', '/*', '*/', '`', '${', '}', '"', "'", '\\', '/', '[', '(', '{', 'SET x = ', 'case 1:', 'default:', 'a:', '?', ':', ';', 'ASSIGN x = ', 'DECISION ', '\r\n', ' ', 'x', '//'];
let bad = 0;
function check(text: string) {
  const r = parseStudio(text);
  const seen = new Set<object>(); const stack: unknown[] = [r];
  while (stack.length) { const v = stack.pop(); if (typeof v !== 'object' || v === null || seen.has(v)) continue; seen.add(v);
    const rec = v as Record<string, unknown>;
    if (typeof rec.start === 'number' && typeof rec.end === 'number' && !(0 <= rec.start && rec.start <= rec.end && rec.end <= text.length)) { if (bad++ < 5) console.log('BAD', JSON.stringify(text), rec.type, rec.start, rec.end); }
    for (const c of Object.values(rec)) if (typeof c === 'object' && c !== null) stack.push(c); }
  if (r.errors.some((e) => e.message.startsWith('Internal'))) { if (bad++ < 5) console.log('INTERNAL', JSON.stringify(text)); }
}
// exhaustive up to length 4 over pieces, prefixed by SNIPPET\n
const n = pieces.length;
let count = 0;
for (const prefix of ['', 'SNIPPET\n', 'SNIPPET ', 'ASSIGN x = ']) {
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) for (let c = 0; c < n; c++) for (let d = -1; d < n; d++) {
    check(prefix + pieces[a] + pieces[b] + pieces[c] + (d >= 0 ? pieces[d] : '')); count++;
  }
}
console.log('checked', count, 'bad', bad);
