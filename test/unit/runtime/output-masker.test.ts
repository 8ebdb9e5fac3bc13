import * as assert from 'node:assert/strict';
import { OutputMasker } from '../../../server/src/runtime/output-masker';

describe('runtime: output masking', () => {
  const jwt = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdHVkaW8tc2ltLWNsaWVudCJ9.';

  it('masks known secrets, JWTs, bearer tokens and credential query values, each once', () => {
    const masker = new OutputMasker(['kX9#mQ2vL7pR4tW8']);
    const text = `GET https://x.example.com/r?apiKey=kX9#mQ2vL7pR4tW8&page=2&access_token=${jwt} Bearer abcdefghij0123`;
    assert.equal(
      masker.mask(text),
      'GET https://x.example.com/r?apiKey=kX9#… (16 chars)&page=2' +
        '&access_token=eyJh… (57 chars) Bearer abcd… (14 chars)',
    );
  });

  it('masks a JWT cut short and leaves ordinary text alone', () => {
    const masker = new OutputMasker([]);
    assert.equal(masker.mask(`token ${jwt.slice(0, 30)}`), 'token eyJh… (30 chars)');
    assert.equal(
      masker.mask('GET https://api.example.com/v2/calls?page=2'),
      'GET https://api.example.com/v2/calls?page=2',
    );
  });
});
