import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../test/helpers/model-builder';

describe('runRules', () => {
  it('deduplicates same code + range, sorts by position, and skips rules turned off', () => {
    const text = 'a = GetOAuthToken()\nb = GetOAuthToken()\nc = GetOAuthToken()';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    // In a loop AND one of three: both findings land on the first fetch; only one survives.
    u.loop(() => u.acquire('a = GetOAuthToken()', 'a', 'function'));
    u.acquire('b = GetOAuthToken()', 'b', 'function').acquire('c = GetOAuthToken()', 'c', 'function');
    const findings = run(b);
    assert.deepEqual(summary(text, findings), ['token-fetch-in-loop@"a = GetOAuthToken()"']);
    assert.deepEqual(run(b, { rules: { 'token-fetch-in-loop': 'off' } }), []);
  });
});
