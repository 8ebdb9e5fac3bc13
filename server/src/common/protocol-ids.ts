/**
 * The names the VS Code client and the language server share: language ids, the settings section, command ids and
 * the custom requests with their params and results. The client bundles this file and nothing else of the server,
 * so it holds only constants and types and imports nothing (test/unit/client/client-imports.test.ts keeps it so).
 */

/** The real Snippet language (`.snippet`). */
export const SNIPPET_LANGUAGE_ID = 'cxone-snippet';
/** The guide's notation (`.studio`). */
export const GUIDE_LANGUAGE_ID = 'cxone-studio';

/** The configuration section every setting lives under (`studioTokenLens.*`). */
export const SETTINGS_SECTION = 'studioTokenLens';

/** Commands the extension contributes (package.json `contributes.commands`; test/manifest checks they agree). */
export const COMMAND_IDS = {
  restartServer: 'studioTokenLens.restartServer',
  showOutput: 'studioTokenLens.showOutput',
  decodeJwt: 'studioTokenLens.decodeJwt',
} as const;

/**
 * `studioTokenLens/decodeJwt`: decodes the first JWT in `text` (a leading `Bearer ` is skipped; text without a
 * JWT-shaped run is decoded as a whole) into the Markdown report the hover shows. Nothing is verified or fetched.
 */
export const DECODE_JWT_REQUEST = 'studioTokenLens/decodeJwt';

export interface DecodeJwtParams {
  /** A selection, the clipboard or a pasted token. */
  readonly text: string;
  /**
   * The refresh buffer the report's status uses, in seconds (`studioTokenLens.bufferSeconds`). The request belongs to
   * no document, so the client sends the value it sees; when absent or invalid the server uses the default.
   */
  readonly bufferSeconds?: number;
}

/** The report (the token masked), or a short reason for the user when nothing decodable was found. */
export type DecodeJwtResult = { readonly markdown: string } | { readonly error: string };
