import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/common/text-edit';
import { minimalEdit } from '../../../server/src/lsp/minimal-edit';

function roundTrip(before: string, after: string): { start: number; end: number; newText: string } {
  const edit = minimalEdit(before, after);
  assert.ok(edit, 'expected an edit');
  assert.equal(applyEdits(before, [edit]), after);
  return { start: edit.range.start, end: edit.range.end, newText: edit.newText };
}

describe('minimal edit (fix-all on save)', () => {
  it('is undefined for equal texts', () => {
    assert.equal(minimalEdit('ASSIGN a = 1\n', 'ASSIGN a = 1\n'), undefined);
  });

  it('replaces only the span that differs', () => {
    const before = 'ASSIGN secret = "abc123"\nASSIGN url = "{baseUrl}/token"\n';
    const after = 'ASSIGN secret = "{SECURE_CLIENT_SECRET}"\nASSIGN url = "{baseUrl}/token"\n';
    assert.deepEqual(roundTrip(before, after), { start: 17, end: 23, newText: '{SECURE_CLIENT_SECRET}' });
  });

  it('handles pure insertions and deletions at either end', () => {
    assert.deepEqual(roundTrip('IF a = 1\n{\n}\n', '// checked\nIF a = 1\n{\n}\n'), {
      start: 0,
      end: 0,
      newText: '// checked\n',
    });
    assert.deepEqual(roundTrip('TRACE "x"\nTRACE "y"\n', 'TRACE "x"\n'), { start: 10, end: 20, newText: '' });
    roundTrip('aaa', 'aaaa');
    roundTrip('abab', 'ab');
  });

  it('never splits a CRLF or a surrogate pair', () => {
    const crlf = roundTrip('a\r\nb', 'a\nb');
    assert.ok(crlf.start <= 1 && crlf.end >= 3, JSON.stringify(crlf));
    const emoji = roundTrip('x\u{1F600}y', 'x\u{1F601}y');
    assert.deepEqual(emoji, { start: 1, end: 3, newText: '\u{1F601}' });
  });
});
