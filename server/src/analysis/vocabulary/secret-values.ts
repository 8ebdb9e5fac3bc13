import type { TextRange } from '../../common/text-range';
import { looksRandom } from '../../common/random-text';

/**
 * Whether a literal is a secret, judged by its value and where it goes, with its name only as a weak signal.
 *
 * A finding is of **high** confidence when the place only ever holds credentials (a `client_secret=` or `password=`
 * field, an API-key header, Basic credentials, the password of URL userinfo, the password encoded for Basic
 * authentication), or when the value itself is conclusive (a known key prefix), or when two independent signals
 * agree (a name that says secret and a value that looks generated). It is of **low** confidence when only the name
 * says secret and the value is merely plausible (a password-like word with digits or symbols): such a finding is a
 * warning, and fix-all never rewrites it. A value that cannot be a secret (prose, a file or prompt name, a URL, a
 * header name, a number, a single word) is never reported for its name alone: `passwordPrompt = "enter-pin.wav"`,
 * `passwordAttempts = "3"`, `apiKeyHeader = "Ocp-Apim-Subscription-Key"`.
 */

export type SecretKind = 'client-secret' | 'password' | 'api-key' | 'secret';

/** Where a literal stands. */
export type SecretPlace =
  /** `client_secret=…`, `password=…`, `apiKey=…` in a form body or a URL query. */
  | 'form-field'
  /** `"password": "…"` in a JSON body, or a member of a DYNAMIC object (which is sent as JSON). */
  | 'json-field'
  /** The value of an API-key header: `x-api-key`, `Ocp-Apim-Subscription-Key`. */
  | 'key-header'
  /** `Basic <base64 of user:password>`, in an Authorization header or anywhere in a string. */
  | 'basic-header'
  /** The password in `EncodeBase64("user:password")` / `btoa(…)`. */
  | 'basic-input'
  /** The password in `https://user:password@host`. */
  | 'url-userinfo'
  /** Assigned to a variable, member or object key named like a secret (`dbPassword`, `authKey`). */
  | 'assigned'
  /** Anywhere else in a string or comment: only a known key prefix counts there. */
  | 'text';

/** What the value looks like. */
export type SecretShape =
  /** A vendor's key prefix (`sk_live_…`, `AKIA…`, `ghp_…`). */
  | 'known-prefix'
  /** Generated: 16+ characters mixing letters and digits that change class often, 32+ hex digits, a GUID. */
  | 'random'
  /** Plausible as a password: 6+ characters without blanks, mixing letters with digits or symbols. */
  | 'password-like'
  /** Anything else a credential place holds (`password=1234`). */
  | 'other';

export type SecretConfidence = 'high' | 'low';

/** Why a literal is taken for a secret; never holds the value. */
export interface SecretEvidence {
  readonly place: SecretPlace;
  /** The field, header, variable or key the value goes to, as written (absent for Basic, userinfo and text). */
  readonly name?: string;
  readonly shape: SecretShape;
  /** Whose key a known prefix is (`a Stripe secret key`). */
  readonly prefixOf?: string;
}

export interface SecretJudgement {
  readonly confidence: SecretConfidence;
  readonly evidence: SecretEvidence;
}

// ---------------------------------------------------------------- names

const GLOBAL_PREFIX = /^global:/i;
const SEPARATORS = /[-\s.]/g;
const CLIENT_SECRET_WORD = /client_?secret/g;
const PASSWORD_WORD = /password|passwd|passphrase|passcode|pwd|(?<!by|com|sur|over|under|tres)pass(?![a-z])/g;
// Long line: the words that make a key a secret read as one list; splitting the expression would hide it.
const API_KEY_WORD =
  /api_?key|subscription_?key|(?:auth|shared|access|secret|private|signing|master|hmac|app|service|integration|consumer|account|functions?)_?key(?![a-z])/g;
const SECRET_WORD = /secret/g;

/**
 * Words after the secret word that make a name about a secret rather than the secret itself: its prompt, attempts,
 * header name, question text, length, policy, expiry… (`passwordPrompt`, `passwordAttempts`, `apiKeyHeader`,
 * `secretQuestionText`, `clientSecretExpiry`, `secretName`).
 */
const ABOUT_A_SECRET = new RegExp(
  [
    ...['prompt', 'attempt', 'tries', 'retr', 'count', 'header', 'text', 'question', 'answer', 'label', 'name'],
    ...['len', 'size', 'policy', 'hint', 'reset', 'expir', 'exp$', 'url', 'uri', 'field', 'param', 'type', 'hash'],
    ...['changed', 'required', 'flag', 'enabled', 'valid', 'ok$', 'status', 'msg', 'message', 'wav', 'file'],
    ...['audio', 'id$', 'ids$', 'ref', 'path', 'input', 'menu', 'digit', 'rule', 'mask', 'salt', 'version', 'location'],
    ...['vault', 'store', 'env', 'setting', 'source', 'format', 'timeout', 'mode', 'error', 'err$', 'fail'],
  ].join('|'),
);

/** The secret words, surest kind first. */
const SECRET_KINDS: readonly (readonly [SecretKind, RegExp])[] = [
  ['client-secret', CLIENT_SECRET_WORD],
  ['password', PASSWORD_WORD],
  ['api-key', API_KEY_WORD],
  ['secret', SECRET_WORD],
];

/** A piece of every secret word above: a name without one (most names) is no secret's, without trying each word. */
const SOME_SECRET_WORD = /secret|pass|pwd|key/;

/** The end of the last match of `word` in `name`, or -1. */
function lastEnd(word: RegExp, name: string): number {
  word.lastIndex = 0;
  let end = -1;
  for (let m = word.exec(name); m; m = word.exec(name)) end = m.index + m[0].length;
  return end;
}

/**
 * What a variable, member, key, field or header name says it holds: a client secret (`client_secret`,
 * `clientSecret`), a password (`password`, `dbPasswd`, `pass`, `crmPass`), an API key (`apiKey`, `authKey`,
 * `sharedKey`, `x-api-key`, `Ocp-Apim-Subscription-Key`), a secret (`jwtSecret`); undefined for names about a secret
 * (`passwordPrompt`, `apiKeyHeader`, `secretQuestionText`) and for names of no secret (`bypass`, `primaryKey`).
 * Names holding tokens are `hardcoded-token`'s, not here.
 */
export function secretKindOfName(name: string): SecretKind | undefined {
  const n = name.replace(GLOBAL_PREFIX, '').toLowerCase().replace(SEPARATORS, '_');
  if (!SOME_SECRET_WORD.test(n)) return undefined;
  for (const [kind, word] of SECRET_KINDS) {
    const end = lastEnd(word, n);
    if (end < 0) continue;
    return ABOUT_A_SECRET.test(n.slice(end)) ? undefined : kind;
  }
  return undefined;
}

// ---------------------------------------------------------------- values

const ONLY_SUBSTITUTIONS = /^(?:\{[^{}]*\})+$/;
const SUBSTITUTION = /\{[^{}]*\}/;
const TEMPLATE_PLACEHOLDER = /^<[^<>]*>$|^\$\{[^}]*\}$|^%[\w.]+%$|^\{\{[^}]*\}\}$/;
const DUMMY_VALUE =
  /^(?:x+|\*+|\.{3}|changeme|change_me|todo|tbd|your[_-]?\w*|placeholder|redacted|secret|password|null|none)$/i;

/**
 * Values that are not real secrets: empty, only substitutions (`{SECURE_CLIENT_SECRET}`), template
 * placeholders (`<YOUR_API_KEY>`, `${X}`, `%X%`), or obvious dummies.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (ONLY_SUBSTITUTIONS.test(v)) return true;
  if (TEMPLATE_PLACEHOLDER.test(v)) return true;
  if (DUMMY_VALUE.test(v)) return true;
  return false;
}

const BLANK = /\s/;
const URL_SCHEME = /^[a-z][\w+.-]*:\/\//i;
const FILE_NAME =
  /\.(?:wav|mp3|mp4|m4a|ogg|vox|wma|txt|json|xml|csv|pdf|png|jpe?g|gif|svg|html?|js|css|zip|docx?|xlsx?)$/i;
const PATH_START = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\)/;
const HEADER_NAME = /^[A-Za-z]+(?:-[A-Za-z]+)+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;
const LETTERS_ONLY = /^[A-Za-z]+$/;
const DIGITS_ONLY = /^[\d.,]+$/;
const HAS_LETTER = /[A-Za-z]/;
const HAS_NON_LETTER = /[^A-Za-z]/;

/**
 * A value that is something else than a secret wherever it stands: a placeholder, a substitution, prose, a URL, a
 * file name.
 */
function isNoSecretValue(value: string): boolean {
  return (
    isPlaceholderValue(value) ||
    SUBSTITUTION.test(value) ||
    BLANK.test(value) ||
    URL_SCHEME.test(value) ||
    FILE_NAME.test(value) ||
    PATH_START.test(value)
  );
}

/** A value that names something (a header, an e-mail address, a word): no secret when only a name says so. */
function isNamingValue(value: string): boolean {
  return HEADER_NAME.test(value) || EMAIL.test(value) || LETTERS_ONLY.test(value);
}

/** Vendor key prefixes: a value with one of these is a key wherever it stands. */
const KNOWN_PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}$/, 'a Stripe secret key'],
  [/^(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}$|^github_pat_\w{20,}$/, 'a GitHub token'],
  [/^xox[abposr]-[A-Za-z0-9-]{10,}$/, 'a Slack token'],
  [/^(?:AKIA|ASIA)[A-Z0-9]{16}$/, 'an AWS access key'],
  [/^AIza[\w-]{35}$/, 'a Google API key'],
  [/^SG\.[\w-]{16,}\.[\w-]{16,}$/, 'a SendGrid API key'],
  [/^glpat-[\w-]{20,}$/, 'a GitLab token'],
  [/^npm_[A-Za-z0-9]{36}$/, 'an npm token'],
  [/^[a-z]{2,5}_live_[A-Za-z0-9]{12,}$/, 'a live API key'],
];

/** Known key prefixes inside longer text (global: reset `lastIndex` before use). */
// Long line: one alternation of the prefixes in KNOWN_PREFIXES, clearer whole than split across strings.
const PREFIXED_KEY_IN_TEXT =
  /(?<![\w-])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[A-Z0-9]{16}|AIza[\w-]{35}|glpat-[\w-]{20,}|[a-z]{2,5}_live_[A-Za-z0-9]{12,})(?![\w-])/g;

/**
 * A piece of every alternative of PREFIXED_KEY_IN_TEXT: text without one holds no such key. One plain alternation
 * answers that faster than the pattern, whose lookbehind is tried at every position of every string and comment.
 */
const KEY_PREFIX_PART = /_live_|_test_|gh[pousr]_|xox|AKIA|ASIA|AIza|glpat-/;

/** Whose key a value's prefix says it is, or undefined. */
export function knownKeyPrefixOf(value: string): string | undefined {
  for (const [pattern, whose] of KNOWN_PREFIXES) if (pattern.test(value)) return whose;
  return undefined;
}

/** Keys with a known prefix written inside some text (a comment, a URL, an argument): offsets into `text`. */
export function prefixedKeysInText(text: string): { range: TextRange; prefixOf: string }[] {
  const found: { range: TextRange; prefixOf: string }[] = [];
  if (!KEY_PREFIX_PART.test(text)) return found;
  PREFIXED_KEY_IN_TEXT.lastIndex = 0;
  for (let m = PREFIXED_KEY_IN_TEXT.exec(text); m; m = PREFIXED_KEY_IN_TEXT.exec(text)) {
    const whose = knownKeyPrefixOf(m[0]);
    if (whose) found.push({ range: { start: m.index, end: m.index + m[0].length }, prefixOf: whose });
  }
  return found;
}

/** Fewest characters of a random-looking secret. */
const RANDOM_MIN_LENGTH = 16;
/** Fewest characters of a password-like value. */
const PASSWORD_MIN_LENGTH = 6;

/** What a literal value looks like, or undefined when it cannot be a secret (see isNoSecretValue). */
export function secretShapeOf(value: string): SecretShape | undefined {
  const v = value.trim();
  if (isNoSecretValue(v)) return undefined;
  if (knownKeyPrefixOf(v)) return 'known-prefix';
  if (looksRandom(v, RANDOM_MIN_LENGTH)) return 'random';
  if (isNamingValue(v) || DIGITS_ONLY.test(v)) return 'other';
  if (v.length >= PASSWORD_MIN_LENGTH && HAS_LETTER.test(v) && HAS_NON_LETTER.test(v)) return 'password-like';
  return 'other';
}

/** Places that hold nothing but credentials: any literal there that is not a placeholder is one. */
const CREDENTIAL_PLACES: ReadonlySet<SecretPlace> = new Set([
  'form-field',
  'json-field',
  'key-header',
  'basic-header',
  'basic-input',
  'url-userinfo',
]);

/**
 * Whether a literal is a secret, and how sure that is (see the top of this file). `name` is the field, header,
 * variable or key it goes to, as written; for 'assigned' it must be named like a secret (secretKindOfName).
 */
export function judgeSecret(value: string, place: SecretPlace, name?: string): SecretJudgement | undefined {
  const shape = secretShapeOf(value);
  if (shape === undefined) return undefined;
  const prefixOf = shape === 'known-prefix' ? knownKeyPrefixOf(value.trim()) : undefined;
  const evidence: SecretEvidence = {
    place,
    shape,
    ...(name === undefined ? {} : { name }),
    ...(prefixOf === undefined ? {} : { prefixOf }),
  };
  if (CREDENTIAL_PLACES.has(place)) return { confidence: 'high', evidence };
  if (shape === 'known-prefix') return { confidence: 'high', evidence };
  if (place !== 'assigned') return undefined;
  // Only the name says secret: a generated value confirms it; a plausible password is a guess.
  if (shape === 'random') return { confidence: 'high', evidence };
  if (shape === 'password-like') return { confidence: 'low', evidence };
  return undefined;
}

/**
 * A second finding of the same literal says more than the first: high confidence where the first was low, or the
 * same confidence from a named place (an API-key header) where the first only saw a key prefix in text.
 */
export function isSurerSecret(found: SecretJudgement, before: SecretJudgement): boolean {
  if (found.confidence !== before.confidence) return found.confidence === 'high';
  return before.evidence.place === 'text' && found.evidence.place !== 'text';
}
