import { strict as assert } from 'node:assert';
import {
  authStatusCodesInComment,
  basicPasswordInText,
  credentialsInText,
  encodedBasicCredentialsInText,
  foldName,
  isClearingValue,
  isErrorValue,
  isErrorVariableName,
  isExpiryName,
  isLifetimeName,
  isNowFunctionName,
  isNowName,
  isRandomName,
  isSameInstantMethod,
  isTokenVariableName,
  tokenInValue,
  type PlainValue,
} from '../../../server/src/analysis/vocabulary';

/** Names as authors write them, folded as the model keeps them. */
function which(test: (folded: string) => boolean, names: readonly string[]): string[] {
  return names.filter((name) => test(foldName(name)));
}

describe('vocabulary: what a name means, the same in every notation', () => {
  it('a token name is one whose words after the last token word do not make it something else', () => {
    const tokens = ['accessToken', 'strCachedToken', 'crmJwt', 'payBearer', 'validToken', 'tokenValue'];
    const alsoTokens = ['accountToken', 'securityToken', 'updatedToken', 'jsonWebToken', 'global:idToken'];
    const aboutTokens = ['tokenUrl', 'tokenRequestBody', 'tokenResult', 'tokenExpiry', 'tokenExp', 'tokenTtl'];
    const alsoAbout = ['accessTokenExpiresAt', 'tokenValidUntil', 'tokenStatusCode', 'tokenErrorMsg', 'tokenJson'];
    const more = ['tokenPayload', 'tokenInput', 'tokenPath', 'tokenAge', 'bearerHeader', 'jwtSecret', 'tokenLength'];
    assert.deepEqual(which(isTokenVariableName, [...tokens, ...alsoTokens]), [...tokens, ...alsoTokens]);
    assert.deepEqual(which(isTokenVariableName, [...aboutTokens, ...alsoAbout, ...more]), []);
  });

  it('an expiry name says when a token expires; a lifetime name says how long it lives', () => {
    const expiries = ['tokenExpiry', 'expiresAt', 'tokExp', 'jwtExp', 'crmJwtExp', 'bearerExp', 'authExp', 'exp'];
    const alsoExpiries = ['expTs', 'exp_time', 'tokenValidUntil', 'tokenTtl', 'cacheTtl', 'accessTokenExpiresAt'];
    const notExpiries = ['expires_in', 'tokenExpiresInSeconds', 'tokenLifetime', 'regexp', 'export', 'closingTime'];
    assert.deepEqual(which(isExpiryName, [...expiries, ...alsoExpiries]), [...expiries, ...alsoExpiries]);
    assert.deepEqual(which(isExpiryName, notExpiries), []);
    assert.deepEqual(which(isLifetimeName, notExpiries), ['expires_in', 'tokenExpiresInSeconds', 'tokenLifetime']);
  });

  it('error names, in either notation: apiError, authErr, httpErrCode, errMsg; not referrer', () => {
    const errors = ['apiError', 'strApiError', 'authErr', 'httpErrCode', 'errMsg', 'err', 'tokenFailure', 'errNo'];
    assert.deepEqual(which(isErrorVariableName, [...errors, 'referrer', 'orderState', 'merry']), errors);
  });

  it('now is a name (utc, now, currentTime, nowSeconds, utcNow) or a function (now(), getdate())', () => {
    const now = ['utc', 'now', 'NOW', 'utcNow', 'nowUtc', 'currentTime', 'nowSeconds', 'nowTs', 'timeNow', 'unixTime'];
    assert.deepEqual(which(isNowName, [...now, 'nowhere', 'currentUser', 'know', 'utcOffset']), now);
    assert.deepEqual(which(isNowFunctionName, ['now', 'getdate', 'getutcdate', 'utcnow', 'datefmt']), [
      'now',
      'getdate',
      'getutcdate',
      'utcnow',
    ]);
    assert.deepEqual(which(isSameInstantMethod, ['asutc', 'asdatetime', 'getTime', 'valueOf', 'datepart', 'asdate']), [
      'asutc',
      'asdatetime',
      'getTime',
      'valueOf',
    ]);
  });

  it('random spreads: jitter, random, rand(), rnd', () => {
    assert.deepEqual(
      which(isRandomName, ['jitter', 'refreshJitter', 'randomBuffer', 'rand', 'randInt', 'rnd', 'brand']),
      ['jitter', 'refreshJitter', 'randomBuffer', 'rand', 'randInt', 'rnd'],
    );
  });
});

describe('vocabulary: what a value means, decided on the value', () => {
  const values: [string, PlainValue][] = [
    ['""', { kind: 'text', text: '' }],
    ['" "', { kind: 'text', text: ' ' }],
    ['"0"', { kind: 'text', text: '0' }],
    ['0', { kind: 'number', value: 0 }],
    ['null', { kind: 'nothing' }],
    ['false', { kind: 'boolean', value: false }],
    ['true', { kind: 'boolean', value: true }],
    ['"AUTH_FAILURE"', { kind: 'text', text: 'AUTH_FAILURE' }],
    ['401', { kind: 'number', value: 401 }],
    ['"HTTP_{code}"', { kind: 'computed' }],
    ['(missing code)', { kind: 'unreadable' }],
  ];

  it('clearing an expiry: "", blanks, "0", 0, null', () => {
    assert.deepEqual(
      values.filter(([, v]) => isClearingValue(v)).map(([written]) => written),
      ['""', '" "', '"0"', '0', 'null'],
    );
  });

  it('an error value: anything but a reset ("", "0", 0, false, null) or missing code', () => {
    assert.deepEqual(
      values.filter(([, v]) => isErrorValue(v)).map(([written]) => written),
      ['true', '"AUTH_FAILURE"', '401', '"HTTP_{code}"'],
    );
  });
});

describe('vocabulary: literal credentials in text', () => {
  it('finds secrets in form pairs and JSON pairs, then tokens no secret covers', () => {
    const text =
      '{"grant_type":"client_credentials","client_secret":"Q7v2mK9xLp4R"} password=hunter2x Bearer abcdefghij0123456789xyz';
    const found = credentialsInText(text).map((f) => `${f.kind}:${text.slice(f.valueRange.start, f.valueRange.end)}`);
    assert.deepEqual(found, ['secret:hunter2x', 'secret:Q7v2mK9xLp4R', 'token:abcdefghij0123456789xyz']);
  });

  it('leaves substitutions and placeholders alone', () => {
    assert.deepEqual(
      credentialsInText('client_secret={SECURE_CLIENT_SECRET}&password=<YOUR_PASSWORD>&api_key=changeme'),
      [],
    );
  });

  it('a pasted token is token-shaped text with letters and digits, 16 characters or more; a placeholder is not', () => {
    assert.deepEqual(tokenInValue('a1b2c3d4e5f6g7h8'), { range: { start: 0, end: 16 }, jwt: false });
    assert.deepEqual(tokenInValue('Bearer a1b2c3d4e5f6g7h8')?.range, { start: 7, end: 23 });
    assert.equal(tokenInValue('pasteYourAccessTokenHere'), undefined);
    assert.equal(tokenInValue('a1b2c3d4e5f6g7h'), undefined);
    assert.equal(tokenInValue('/v2/accounts/12345678'), undefined);
  });

  it('Basic credentials: a literal password after the user (substituted or not), or base64 of user:password', () => {
    assert.deepEqual(basicPasswordInText('{clientId}:s3cr3tPass'), { start: 11, end: 21 });
    assert.deepEqual(basicPasswordInText('ivr-app:s3cr:3t'), { start: 8, end: 15 });
    assert.equal(basicPasswordInText('{clientId}:{SECURE_CLIENT_SECRET}'), undefined);
    assert.deepEqual(encodedBasicCredentialsInText('Basic aXZyLWFwcDpRN3YybUs5eA=='), { start: 6, end: 30 });
    assert.equal(encodedBasicCredentialsInText('Basic XXXXXXXXXXXX'), undefined);
  });
});

describe('vocabulary: 401/403 handled in commented-out code', () => {
  it('reads commented-out branches in both notations, each code once', () => {
    assert.deepEqual(authStatusCodesInComment('//CASE httpStatus = 401 //Invalid session'), [401]);
    assert.deepEqual(authStatusCodesInComment('// CASE 403'), [403]);
    assert.deepEqual(authStatusCodesInComment('  // case 401:'), [401]);
    assert.deepEqual(authStatusCodesInComment('// } else if (resp.statusCode === 403) {'), [403]);
    assert.deepEqual(authStatusCodesInComment('/* IF code = 403 | code = 401\n * { ASSIGN t = "" } */'), [401, 403]);
    assert.deepEqual(authStatusCodesInComment('//IF carrier.StatusCode == "401"'), [401]);
  });

  it('leaves prose and other statuses alone', () => {
    assert.deepEqual(authStatusCodesInComment('// A 401 from the carrier means the client secret was rotated'), []);
    assert.deepEqual(authStatusCodesInComment('// in case of 403 the account is suspended'), []);
    assert.deepEqual(authStatusCodesInComment('// case of a 401: retry once'), []);
    assert.deepEqual(authStatusCodesInComment('// If the API returns 401 we refresh'), []);
    assert.deepEqual(authStatusCodesInComment('// 401: token expired, see the DEFAULT below'), []);
    assert.deepEqual(authStatusCodesInComment('//CASE httpStatus = 404'), []);
    assert.deepEqual(authStatusCodesInComment('//CASE retries = 4010'), []);
  });
});
