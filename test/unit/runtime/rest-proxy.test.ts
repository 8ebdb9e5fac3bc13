import * as assert from 'node:assert/strict';
import { runCode } from './run-code';

const CALL = [
  'p = GetRESTProxy()',
  'p.ContentType = "application/json"',
  'p.ProxyTimeoutSeconds = 2',
  'p.AddHeader("Authorization", "Bearer abc")',
  'r = p.MakeRestRequest("https://api.example.com/v1/customers/7", "{body}", 0, "get")',
  'code = p.StatusCode',
  'why = p.StatusDescription',
].join('\n');

describe('runtime: REST proxy', () => {
  it('has the documented defaults: form content type, 10 s timeout, no status before a request', () => {
    const run = runCode('p = GetRESTProxy()\nct = p.ContentType\nt = p.ProxyTimeoutSeconds\ns = "[{p.StatusCode}]"');
    assert.equal(run.get('ct'), 'application/x-www-form-urlencoded');
    assert.equal(run.get('t'), 10);
    assert.equal(run.get('s'), '[]');
  });

  it('sends url, body, verb, content type, timeout and headers, and returns the JSON body as a dynamic object', () => {
    const run = runCode(`body = "x=1"\n${CALL}\nname = r.customer.name`, {
      answer: () => ({ kind: 'response', status: 200, statusDescription: 'OK', body: { customer: { name: 'Ada' } } }),
    });
    assert.equal(run.fault, null);
    assert.deepEqual(
      run.requests.map((q) => [q.url, q.body, q.verb, q.contentType, q.timeoutSeconds, q.headers]),
      [
        [
          'https://api.example.com/v1/customers/7',
          'x=1',
          'GET',
          'application/json',
          2,
          [['Authorization', 'Bearer abc']],
        ],
      ],
    );
    assert.equal(run.get('code'), 200);
    assert.equal(run.get('why'), 'OK');
    assert.equal(run.get('name'), 'Ada');
  });

  it('response type 2 ignores the body', () => {
    const run = runCode(
      'p = GetRESTProxy()\nr = p.MakeRestRequest("https://x.example.com/", "", 2, "POST")\nj = r.asjson()',
      {
        answer: () => ({ kind: 'response', status: 204, statusDescription: 'No Content', body: { secret: 1 } }),
      },
    );
    assert.equal(run.get('j'), '{}');
  });

  it('a transport failure stops the snippet (Error branch): nothing after it runs, StatusCode holds no status', () => {
    const run = runCode(`${CALL}\nafter = "ran"`, { answer: () => ({ kind: 'failure', reason: 'timeout' }) });
    assert.equal(run.fault?.kind, 'transport');
    assert.equal(run.get('after'), undefined);
    assert.equal(run.get('code'), undefined);
    assert.match(String(run.get('__err')), /the REST request failed: timeout/);
    const proxy = run.get('p');
    assert.ok(proxy && typeof proxy === 'object' && 'statusCode' in proxy);
    assert.equal(proxy.statusCode, '');
  });

  it('StatusCode cannot be assigned', () => {
    const run = runCode('p = GetRESTProxy()\np.StatusCode = 200');
    assert.equal(run.fault?.kind, 'script-error');
    assert.match(run.fault!.message, /StatusCode cannot be assigned/);
  });

  it('a copy of StatusCode in a string still compares as a number', () => {
    const run = runCode(`${CALL}\nhttpStatus = "{p.StatusCode}"\nIF httpStatus = 401 { auth = "failed" }`, {
      answer: () => ({ kind: 'response', status: 401, statusDescription: 'Unauthorized', body: {} }),
    });
    assert.equal(run.get('auth'), 'failed');
  });

  it('functions the stored page does not show are refused (ClearHeaders)', () => {
    const run = runCode('p = GetRESTProxy()\np.ClearHeaders()');
    assert.equal(run.fault?.kind, 'unsupported');
    assert.match(run.fault!.message, /ClearHeaders/);
  });
});
