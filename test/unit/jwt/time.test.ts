import assert from 'node:assert/strict';
import { formatAmount, formatDuration, formatLifetime, formatRelative, formatUtc } from '../../../server/src/jwt/time';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

describe('jwt-time', () => {
  describe('formatUtc', () => {
    it('shows whole seconds without milliseconds', () => {
      assert.equal(formatUtc(1700000000), '2023-11-14T22:13:20Z');
      assert.equal(formatUtc(0), '1970-01-01T00:00:00Z');
    });
    it('keeps milliseconds of a fractional NumericDate', () => {
      assert.equal(formatUtc(1700000000.25), '2023-11-14T22:13:20.250Z');
    });
    it('gives undefined where no Date can hold the value', () => {
      assert.equal(formatUtc(1e20), undefined);
      assert.equal(formatUtc(Number.NaN), undefined);
      assert.equal(formatUtc(Number.POSITIVE_INFINITY), undefined);
    });
  });

  describe('formatAmount', () => {
    it('uses the largest fitting unit, truncated', () => {
      assert.equal(formatAmount(0), '0 seconds');
      assert.equal(formatAmount(1), '1 second');
      assert.equal(formatAmount(59), '59 seconds');
      assert.equal(formatAmount(60), '1 min');
      assert.equal(formatAmount(14 * MIN + 59), '14 min');
      assert.equal(formatAmount(HOUR), '1 hour');
      assert.equal(formatAmount(3 * HOUR + 59 * MIN), '3 hours');
      assert.equal(formatAmount(DAY), '1 day');
      assert.equal(formatAmount(29 * DAY), '29 days');
      assert.equal(formatAmount(30 * DAY), '1 month');
      assert.equal(formatAmount(364 * DAY), '12 months');
      assert.equal(formatAmount(365 * DAY), '1 year');
      assert.equal(formatAmount(2 * 365 * DAY + 100 * DAY), '2 years');
    });
    it('ignores the sign', () => {
      assert.equal(formatAmount(-14 * MIN), '14 min');
    });
  });

  describe('formatRelative', () => {
    it('says "in …" for the future and "… ago" for the past', () => {
      assert.equal(formatRelative(14 * MIN), 'in 14 min');
      assert.equal(formatRelative(-2 * 365 * DAY), '2 years ago');
      assert.equal(formatRelative(-3 * HOUR), '3 hours ago');
    });
    it('says "just now" under a second', () => {
      assert.equal(formatRelative(0), 'just now');
      assert.equal(formatRelative(0.5), 'just now');
      assert.equal(formatRelative(-0.999), 'just now');
    });
    it('does not throw on a non-finite offset', () => {
      assert.equal(formatRelative(Number.NaN), 'at an unknown time');
    });
  });

  describe('formatDuration', () => {
    it('shows at most two units', () => {
      assert.equal(formatDuration(0), '0 s');
      assert.equal(formatDuration(45), '45 s');
      assert.equal(formatDuration(90), '1 min 30 s');
      assert.equal(formatDuration(HOUR), '1 h');
      assert.equal(formatDuration(HOUR + 30 * MIN), '1 h 30 min');
      assert.equal(formatDuration(HOUR + 30 * MIN + 15), '1 h 30 min');
      assert.equal(formatDuration(DAY), '1 d');
      assert.equal(formatDuration(2 * DAY + 3 * HOUR), '2 d 3 h');
      assert.equal(formatDuration(DAY + 5 * MIN), '1 d');
    });
    it('keeps the sign of a negative duration', () => {
      assert.equal(formatDuration(-90), '-1 min 30 s');
    });
    it('does not throw on a non-finite duration', () => {
      assert.equal(formatDuration(Number.NaN), 'unknown');
    });
  });

  describe('formatLifetime', () => {
    it('gives seconds and the human form', () => {
      assert.equal(formatLifetime(3600), '3600 s (1 h)');
      assert.equal(formatLifetime(86400), '86400 s (1 d)');
      assert.equal(formatLifetime(120), '120 s (2 min)');
    });
    it('gives only seconds under a minute', () => {
      assert.equal(formatLifetime(45), '45 s');
    });
  });
});
