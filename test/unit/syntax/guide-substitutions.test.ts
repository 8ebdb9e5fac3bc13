import { strict as assert } from 'node:assert';
import { substitutionsIn } from '../../../server/src/syntax/guide';

describe('studio substitutions', () => {
  it('finds {name} and {global:name} with exact document ranges', () => {
    const text =
      'grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={global:SECURE_CLIENT_SECRET}';
    const base = 100;
    const found = substitutionsIn(text, base);
    assert.deepEqual(
      found.map((s) => [
        s.name,
        text.slice(s.range.start - base, s.range.end - base),
        text.slice(s.nameRange.start - base, s.nameRange.end - base),
      ]),
      [
        ['SECURE_CLIENT_ID', '{SECURE_CLIENT_ID}', 'SECURE_CLIENT_ID'],
        ['global:SECURE_CLIENT_SECRET', '{global:SECURE_CLIENT_SECRET}', 'global:SECURE_CLIENT_SECRET'],
      ],
    );
    assert.equal(found[0]!.stringNode, undefined);
  });

  it('ignores JSON braces, blanks, leading digits and empty braces', () => {
    assert.deepEqual(substitutionsIn('{"id": 1} { a } {1abc} {} {a-b} {global:}', 0), []);
  });

  it('finds the inner name of doubled braces and names next to each other', () => {
    const text = '{{strX}}{strY}{GLOBAL:strZ}';
    assert.deepEqual(
      substitutionsIn(text, 0).map((s) => [s.name, s.range.start, s.range.end]),
      [
        ['strX', 1, 7],
        ['strY', 8, 14],
        ['GLOBAL:strZ', 14, 27],
      ],
    );
  });
});
