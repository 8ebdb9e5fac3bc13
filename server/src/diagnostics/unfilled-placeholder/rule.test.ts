import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../common/settings';
import { lintText } from '../../service/lint';
import { metaOf } from '../registry';

const CODE = 'unfilled-placeholder';

function call(url: string, body = '""'): string {
  return [
    'ASSIGN p = GetRESTProxy()',
    'p.ProxyTimeoutSeconds = 2',
    `ASSIGN r = p.MakeRestRequest("${url}", ${body}, 0, "POST")`,
    'IF p.StatusCode != 200',
    '{',
    '  ASSIGN pError = "HTTP_{p.StatusCode}"',
    '}',
    '',
  ].join('\n');
}

function placeholders(text: string, settings = DEFAULT_SETTINGS): string[] {
  return lintText('p.snippet', undefined, text, settings)!
    .findings.filter((f) => f.code === CODE)
    .map((f) => f.message);
}

describe('unfilled-placeholder', () => {
  it('reports a call to a .invalid host as an error naming what the request expects to be set', () => {
    const [message] = placeholders(
      call(
        'https://token-endpoint.invalid/oauth/token',
        '"grant_type=client_credentials&client_id={CRM_CLIENT_ID}&client_secret={CRM_CLIENT_SECRET}"',
      ),
    );
    assert.match(
      message!,
      new RegExp(
        '^This request goes to token-endpoint\\.invalid, a placeholder that never resolves: write your identity ' +
          "provider's token endpoint here, and set CRM_CLIENT_ID and CRM_CLIENT_SECRET outside the script text\\.",
      ),
    );
    assert.equal(metaOf(CODE).defaultSeverity, 'error');
  });

  it('reports any .invalid host, with a port or a trailing dot, and an API call as well as a token request', () => {
    assert.equal(placeholders(call('https://api-endpoint.invalid:8443/v1/resource')).length, 1);
    assert.equal(placeholders(call('http://crm.placeholder.invalid./customers')).length, 1);
    assert.match(placeholders(call('https://api-endpoint.invalid/v1/resource'))[0]!, /write the real endpoint here\./);
  });

  it('is silent for real hosts, however they are spelled', () => {
    for (const url of [
      'https://invalid.example-crm.com/status',
      'https://api.example-crm.com/invalid/path',
      'https://login.example-idp.com/oauth/token?next=x.invalid',
      'https://example.invalidhost.com/v1',
    ])
      assert.deepEqual(placeholders(call(url)), [], url);
  });

  it('keeps CI red until filled in, and can be turned off or lowered like any code', () => {
    const text = call('https://token-endpoint.invalid/oauth/token');
    assert.equal(placeholders(text, sanitizeSettings({ rules: { [CODE]: 'off' } })).length, 0);
    const lowered = lintText('p.snippet', undefined, text, sanitizeSettings({ rules: { [CODE]: 'warning' } }))!;
    assert.equal(lowered.findings.find((f) => f.code === CODE)?.severity, 'warning');
  });
});
