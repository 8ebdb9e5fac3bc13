import assert from 'node:assert/strict';
import type { JWTPayload } from 'jose';
import { assessJwtTimes, describeTimeClaim } from '../../../server/src/jwt/status';

const NOW = Date.parse('2026-03-01T12:00:00Z') / 1000;
const MIN = 60;
const HOUR = 3600;
const YEAR = 365 * 86400;

describe('jwt-status', () => {
  describe('describeTimeClaim', () => {
    it('phrases each time claim in the past and the future', () => {
      assert.equal(describeTimeClaim('exp', NOW - 2 * YEAR - 5 * 86400, NOW), 'expired 2 years ago');
      assert.equal(describeTimeClaim('exp', NOW + 14 * MIN + 59, NOW), 'expires in 14 min');
      assert.equal(describeTimeClaim('iat', NOW - 3 * HOUR, NOW), 'issued 3 hours ago');
      assert.equal(describeTimeClaim('iat', NOW + 5 * MIN, NOW), 'issued in 5 min');
      assert.equal(describeTimeClaim('nbf', NOW - HOUR, NOW), 'became valid 1 hour ago');
      assert.equal(describeTimeClaim('nbf', NOW + 3 * HOUR, NOW), 'becomes valid in 3 hours');
      assert.equal(describeTimeClaim('auth_time', NOW - 3 * HOUR - 10, NOW), 'authenticated 3 hours ago');
    });
    it('counts exp equal to now as expired', () => {
      assert.equal(describeTimeClaim('exp', NOW, NOW), 'expired just now');
    });
  });

  describe('assessJwtTimes', () => {
    it('expired', () => {
      const result = assessJwtTimes({ iat: NOW - 2 * YEAR - HOUR, exp: NOW - 2 * YEAR }, NOW, 300);
      assert.deepEqual(result, {
        status: 'expired',
        statusText: 'expired 2 years ago',
        lifetimeSeconds: 3600,
        warnings: [],
      });
    });

    it('expired at exactly now', () => {
      assert.equal(assessJwtTimes({ exp: NOW }, NOW, 300).statusText, 'expired just now');
    });

    it('inside the refresh buffer, including its edge', () => {
      assert.deepEqual(assessJwtTimes({ iat: NOW - 3300, exp: NOW + 4 * MIN + 10 }, NOW, 300), {
        status: 'refresh-now',
        statusText: 'refresh now: expires in 4 min, inside the 300 s buffer',
        lifetimeSeconds: 3550,
        warnings: [],
      });
      assert.equal(assessJwtTimes({ exp: NOW + 300 }, NOW, 300).status, 'refresh-now');
      assert.equal(assessJwtTimes({ exp: NOW + 301 }, NOW, 300).status, 'valid');
    });

    it('valid', () => {
      assert.deepEqual(assessJwtTimes({ iat: NOW - 46 * MIN, exp: NOW + 14 * MIN }, NOW, 300), {
        status: 'valid',
        statusText: 'valid: expires in 14 min',
        lifetimeSeconds: 3600,
        warnings: [],
      });
    });

    it('missing exp', () => {
      assert.deepEqual(assessJwtTimes({ iat: NOW - HOUR }, NOW, 300), {
        status: 'no-expiry',
        statusText: 'no expiry: the token has no `exp` claim',
        warnings: [
          'No `exp` claim: nothing tells the script when this token expires, so it cannot refresh it in time.',
        ],
      });
    });

    it('lifetime shorter than the buffer', () => {
      const result = assessJwtTimes({ iat: NOW, exp: NOW + 120 }, NOW, 300);
      assert.equal(result.status, 'refresh-now');
      assert.deepEqual(result.warnings, [
        'Lifetime 120 s (2 min) is shorter than the 300 s refresh buffer: the token is due for refresh as soon as it ' +
          'is issued.',
      ]);
    });

    it('exp before iat', () => {
      assert.deepEqual(assessJwtTimes({ iat: NOW, exp: NOW - 10 }, NOW, 300).warnings, [
        '`exp` is before `iat`: the token was issued already expired.',
      ]);
    });

    it('nbf in the future: not yet valid, with a warning', () => {
      assert.deepEqual(assessJwtTimes({ nbf: NOW + 3 * HOUR, exp: NOW + 4 * HOUR }, NOW, 300), {
        status: 'not-yet-valid',
        statusText: 'not yet valid: becomes valid in 3 hours',
        warnings: ['`nbf` is in the future: the token is not valid until 2026-03-01T15:00:00Z (in 3 hours).'],
      });
    });

    it('expired beats nbf in the future', () => {
      assert.equal(assessJwtTimes({ nbf: NOW + HOUR, exp: NOW - HOUR }, NOW, 300).status, 'expired');
    });

    it('time claims that are not numbers', () => {
      // jose types exp and iat as numbers, but a decoded token can hold anything.
      const payload = { exp: '2026-03-01', iat: 'yesterday' } as unknown as JWTPayload;
      const result = assessJwtTimes(payload, NOW, 300);
      assert.equal(result.status, 'unknown-expiry');
      assert.equal(result.statusText, 'unknown: `exp` is not a number');
      assert.deepEqual(result.warnings, [
        '`iat` is not a NumericDate (a number of seconds since 1970).',
        '`exp` is not a NumericDate (a number of seconds since 1970).',
      ]);
    });

    it('treats a negative or non-finite buffer as 0 and an invalid clock as unknown', () => {
      assert.equal(assessJwtTimes({ exp: NOW + 10 }, NOW, -5).status, 'valid');
      assert.equal(assessJwtTimes({ exp: NOW + 10 }, NOW, Number.NaN).status, 'valid');
      assert.equal(
        assessJwtTimes({ exp: NOW + 10 }, Number.NaN, 300).statusText,
        'unknown: the current time is not known',
      );
    });
  });
});
