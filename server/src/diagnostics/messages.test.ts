import * as assert from 'node:assert/strict';
import { listForMessage } from './messages';

describe('diagnostics: listForMessage', () => {
  it('names one, two, or the first two and how many more', () => {
    assert.equal(listForMessage([]), '');
    assert.equal(listForMessage(['MENU "Main"']), 'MENU "Main"');
    assert.equal(listForMessage(['MENU "Main"', 'WAIT 1800']), 'MENU "Main" and WAIT 1800');
    assert.equal(listForMessage(['MENU "Main"', 'WAIT 1800', 'HOLD', 'REQAGENT']), 'MENU "Main", WAIT 1800 and 2 more');
  });

  it('says the same given only the first items and the total (a finding need not label every action)', () => {
    const all = ['MENU "Main"', 'WAIT 1800', 'HOLD', 'REQAGENT', 'PLAY "Please hold"'];
    for (let n = 0; n <= all.length; n++) {
      const items = all.slice(0, n);
      assert.equal(listForMessage(items.slice(0, 2), 2, items.length), listForMessage(items), `${n} items`);
    }
  });
});
