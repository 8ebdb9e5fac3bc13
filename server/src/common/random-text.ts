/**
 * How random a run of characters looks: what tells a key or a password generator's output from a name, a word or a
 * file name. Used where secrets are masked in messages (quote-source.ts) and where the analysis judges whether a
 * literal is a secret (analysis/vocabulary/secret-values.ts).
 */

const LOWER = 0;
const UPPER = 1;
const DIGIT = 2;
const OTHER = 3;

function classOf(c: number): number {
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 48 && c <= 57) return DIGIT;
  return OTHER;
}

/**
 * How often the character class (lower case, upper case, digit, other) changes from one character to the next, from
 * 0 to 1. An upper-case letter followed by lower case starts a word, so it is no change: `getAccessTokenFromCache2`
 * changes 5 times in 24 characters (0.22), random base64 about every other character.
 */
export function classChangeRatio(run: string): number {
  if (run.length < 2) return 0;
  let changes = 0;
  let before = classOf(run.charCodeAt(0));
  for (let i = 1; i < run.length; i++) {
    const now = classOf(run.charCodeAt(i));
    if (before !== now && !(before === UPPER && now === LOWER)) changes++;
    before = now;
  }
  return changes / (run.length - 1);
}

/** At least this share of class changes makes a run look random rather than made of words. */
export const RANDOM_CLASS_CHANGE_RATIO = 0.3;

const HEX = /^[0-9a-fA-F]+$/;
const HAS_DIGIT = /\d/;
const HAS_HEX_LETTER = /[a-fA-F]/;
const HAS_LETTER = /[A-Za-z]/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * A run that looks generated rather than written: 32+ hex digits (with letters and digits), a GUID, or `minLength`+
 * characters mixing letters and digits whose class changes at least 30% of the time.
 */
export function looksRandom(run: string, minLength: number): boolean {
  if (run.length >= 32 && HEX.test(run) && HAS_DIGIT.test(run) && HAS_HEX_LETTER.test(run)) return true;
  if (GUID.test(run)) return true;
  if (run.length < minLength || !HAS_DIGIT.test(run) || !HAS_LETTER.test(run)) return false;
  return classChangeRatio(run) >= RANDOM_CLASS_CHANGE_RATIO;
}
