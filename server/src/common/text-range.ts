/** Half-open range of UTF-16 offsets into a document's text: `start <= i < end`. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A syntax problem found by one of the parsers. Parsers collect these; they never throw. */
export interface ParseError {
  readonly range: TextRange;
  readonly message: string;
}
