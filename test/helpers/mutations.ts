import fc from 'fast-check';

/**
 * Random edits for the property tests: fast-check arbitraries that describe an edit, and the functions that apply it.
 * Positions are drawn as plain numbers and folded into the text when applied (`at % (length + 1)`), so one edit fits
 * any text; a length may reach past the end (slicing clamps it).
 */

/** One edit of a text. `at` (and `from`, `to`) are folded into the text they apply to. */
export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  /** Inserts a slice of `sources[source]` (another text, so edits can mix fixtures). */
  | {
      readonly kind: 'splice';
      readonly at: number;
      readonly source: number;
      readonly from: number;
      readonly length: number;
    }
  /** Copies `length` characters from `at` to `to`, or right after themselves without `to`. */
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number; readonly to?: number }
  /** Drops everything from `at` on. */
  | { readonly kind: 'truncate'; readonly at: number };

/**
 * What `mutationArbitrary` draws. Each makes the `Mutation` of the same name, except:
 * - `replace-char`: a `replace` of one character by a one-character piece;
 * - `duplicate-elsewhere`: a `duplicate` with a `to`.
 */
export type MutationKind =
  | 'insert'
  | 'delete'
  | 'replace'
  | 'replace-char'
  | 'splice'
  | 'duplicate'
  | 'duplicate-elsewhere'
  | 'truncate';

export interface MutationOptions {
  /** The edits to draw from, equally likely. The order is part of what a seed generates: keep a seeded test's order. */
  readonly kinds: readonly MutationKind[];
  /**
   * Fragments that matter to the code under test; `insert` and `replace` write them (`replace-char` its one-character
   * ones).
   */
  readonly pieces: readonly string[];
  /** How much likelier a piece is than each `randomText` arbitrary (default 1). */
  readonly piecesWeight?: number;
  /** Random text that `insert` and `replace` write besides the pieces (default: `fc.string({ maxLength: 6 })`). */
  readonly randomText?: readonly fc.Arbitrary<string>[];
  /** Where an edit starts, before folding into the text (default `fc.nat()`). */
  readonly position?: fc.Arbitrary<number>;
  /** Longest `delete` (default 40). */
  readonly maxDelete?: number;
  /** Longest span a `replace` overwrites (default 4). */
  readonly maxReplace?: number;
  /** Texts a `splice` copies from (required with `splice`). */
  readonly sources?: readonly string[];
  /** Longest `splice` (default 200). */
  readonly maxSplice?: number;
  /** Longest `duplicate` or `duplicate-elsewhere` (default 200). */
  readonly maxDuplicate?: number;
}

/** An arbitrary edit of the given kinds, with the test's own pieces and bounds. */
export function mutationArbitrary(options: MutationOptions): fc.Arbitrary<Mutation> {
  const position = options.position ?? fc.nat();
  const payload = fc.oneof(
    { weight: options.piecesWeight ?? 1, arbitrary: fc.constantFrom(...options.pieces) },
    ...(options.randomText ?? [fc.string({ maxLength: 6 })]).map((arbitrary) => ({ weight: 1, arbitrary })),
  );
  const lengthUpTo = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });
  // Record keys are drawn in order: keep each record's key order, so that a seed keeps generating the same edits.
  const arbitraries = options.kinds.map((kind): fc.Arbitrary<Mutation> => {
    switch (kind) {
      case 'insert':
        return fc.record({ kind: fc.constant('insert' as const), at: position, text: payload });
      case 'delete':
        return fc.record({
          kind: fc.constant('delete' as const),
          at: position,
          length: lengthUpTo(options.maxDelete ?? 40),
        });
      case 'replace':
        return fc.record({
          kind: fc.constant('replace' as const),
          at: position,
          length: lengthUpTo(options.maxReplace ?? 4),
          text: payload,
        });
      case 'replace-char': {
        const chars = options.pieces.filter((p) => p.length === 1);
        if (chars.length === 0) throw new Error('replace-char needs one-character pieces');
        return fc.record({
          kind: fc.constant('replace' as const),
          at: position,
          length: fc.constant(1),
          text: fc.constantFrom(...chars),
        });
      }
      case 'splice': {
        const sources = options.sources ?? [];
        if (sources.length === 0) throw new Error('splice needs sources');
        return fc.record({
          kind: fc.constant('splice' as const),
          at: position,
          source: fc.integer({ min: 0, max: sources.length - 1 }),
          from: position,
          length: lengthUpTo(options.maxSplice ?? 200),
        });
      }
      case 'duplicate':
        return fc.record({
          kind: fc.constant('duplicate' as const),
          at: position,
          length: lengthUpTo(options.maxDuplicate ?? 200),
        });
      case 'duplicate-elsewhere':
        return fc.record({
          kind: fc.constant('duplicate' as const),
          at: position,
          length: lengthUpTo(options.maxDuplicate ?? 200),
          to: position,
        });
      case 'truncate':
        return fc.record({ kind: fc.constant('truncate' as const), at: position });
      default:
        throw new Error(`unknown mutation kind ${kind satisfies never}`);
    }
  });
  return fc.oneof(...arbitraries);
}

/** `text` with `mutation` applied; a `splice` copies from `sources` (the ones its arbitrary was made with). */
export function applyMutation(text: string, mutation: Mutation, sources: readonly string[] = []): string {
  const at = text.length === 0 ? 0 : mutation.at % (text.length + 1);
  switch (mutation.kind) {
    case 'insert':
      return text.slice(0, at) + mutation.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'replace':
      return text.slice(0, at) + mutation.text + text.slice(at + mutation.length);
    case 'splice': {
      const source = sources[mutation.source];
      if (source === undefined) throw new Error(`splice from source ${mutation.source} of ${sources.length}`);
      const from = mutation.from % (source.length + 1);
      return text.slice(0, at) + source.slice(from, from + mutation.length) + text.slice(at);
    }
    case 'duplicate': {
      const to =
        mutation.to === undefined ? Math.min(at + mutation.length, text.length) : mutation.to % (text.length + 1);
      return text.slice(0, to) + text.slice(at, at + mutation.length) + text.slice(to);
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

/** `text` with each mutation applied in turn. */
export function applyMutations(text: string, mutations: readonly Mutation[], sources: readonly string[] = []): string {
  return mutations.reduce((current, mutation) => applyMutation(current, mutation, sources), text);
}
