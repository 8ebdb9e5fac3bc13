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
  editSnippetAction: 'studioTokenLens.editSnippetAction',
  showScriptFlow: 'studioTokenLens.showScriptFlow',
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

/** A position and range as LSP writes them (0-based line, UTF-16 character). */
export interface WirePosition {
  readonly line: number;
  readonly character: number;
}

export interface WireRange {
  readonly start: WirePosition;
  readonly end: WirePosition;
}

/**
 * The scheme of a SNIPPET action opened in a tab of its own (**Edit SNIPPET Action**). The server makes these URIs
 * (`studioTokenLens/snippetActions`, code lenses); their query is the export's URI, which is all the client reads of
 * them: it opens that export before asking for the action's code. The path ends in `<caption> (action <id>).snippet`,
 * so the tab is titled with both and opens as `cxone-snippet`.
 */
export const SNIPPET_ACTION_SCHEME = 'studio-snippet-action';

/**
 * `studioTokenLens/snippetActions`: the SNIPPET actions of an open export, each with the URI of its tab, and the one
 * at `position` when given. `{ error }` when the document is no open export.
 */
export const SNIPPET_ACTIONS_REQUEST = 'studioTokenLens/snippetActions';

export interface SnippetActionsParams {
  readonly uri: string;
  readonly position?: WirePosition;
}

export interface SnippetActionEntry {
  readonly actionId: number;
  readonly caption: string;
  /** The URI of the action's tab (scheme SNIPPET_ACTION_SCHEME). */
  readonly uri: string;
}

export type SnippetActionsResult =
  | { readonly actions: readonly SnippetActionEntry[]; readonly atPosition?: number }
  | { readonly error: string };

/**
 * `studioTokenLens/openSnippetAction`: the code of the action a tab URI names, read from the open export, and a
 * fingerprint of that code (sent back on save: the write is refused when the action changed underneath).
 */
export const OPEN_SNIPPET_ACTION_REQUEST = 'studioTokenLens/openSnippetAction';

export interface OpenSnippetActionParams {
  readonly uri: string;
}

export type OpenSnippetActionResult =
  | {
      readonly code: string;
      readonly fingerprint: string;
      readonly exportUri: string;
      readonly actionId: number;
      readonly caption: string;
    }
  | { readonly error: string };

/**
 * `studioTokenLens/saveSnippetAction`: the edits that write `text` back into the export as the action's code (escaped,
 * the export's line breaks, nothing else changed), to apply as a workspace edit on the export at `exportVersion`.
 * `{ error }` (nothing to apply) when the action's code in the export changed since `fingerprint` was read, or the
 * export cannot hold the text.
 */
export const SAVE_SNIPPET_ACTION_REQUEST = 'studioTokenLens/saveSnippetAction';

export interface SaveSnippetActionParams {
  readonly uri: string;
  readonly text: string;
  readonly fingerprint: string;
}

export type SaveSnippetActionResult =
  | {
      readonly exportUri: string;
      readonly exportVersion: number;
      readonly edits: readonly { readonly range: WireRange; readonly newText: string }[];
      /** The action's fingerprint once the edits are applied: the tab's new base. */
      readonly fingerprint: string;
    }
  | { readonly error: string };

/**
 * `studioTokenLens/scriptFlow`: an open export's flow as SVG (the picture `studio-lint --graph` writes) and where each
 * drawn action is in the export, for **Show Script Flow**.
 */
export const SCRIPT_FLOW_REQUEST = 'studioTokenLens/scriptFlow';

export interface ScriptFlowParams {
  readonly uri: string;
}

export type ScriptFlowResult =
  | {
      readonly exportUri: string;
      readonly svg: string;
      readonly actions: readonly { readonly actionId: number; readonly range: WireRange }[];
    }
  | { readonly error: string };
