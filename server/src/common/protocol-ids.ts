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
  simulateLongContact: 'studioTokenLens.simulateLongContact',
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

/**
 * `studioTokenLens/simulate`: runs an open `.snippet` file or Desktop Studio export on a simulated clock against a
 * simulated identity provider (the `studio-sim` CLI's simulation) and answers with its timeline. The VS Code command
 * "Simulate Long Contact" draws the answer; any client can send it (README, "Other editors").
 */
export const SIMULATE_REQUEST = 'studioTokenLens/simulate';

export interface SimulateParams {
  /** An open document: a `.snippet` file or a Desktop Studio export (a `.studio` file is refused). */
  readonly textDocument: { readonly uri: string };
  /** Length of each contact in simulated seconds (default: the scenario's, else 7200). */
  readonly durationSeconds?: number;
  /** `expires_in` of the simulated identity provider's tokens, in seconds (default: the scenario's, else 3600). */
  readonly tokenLifetimeSeconds?: number;
  /** `.snippet` files: how many times the SNIPPET runs, spread evenly over the contact (default: every 300 s). */
  readonly runs?: number;
  /** How many contacts (default: the scenario's, else 1). */
  readonly contacts?: number;
  /** A scenario as `studio-sim --scenario` reads it, as a JSON object (README, "studio-sim"). */
  readonly scenario?: Readonly<Record<string, unknown>>;
}

/** The token a request carried, as the API that checked it saw it. */
export interface SimulatedTokenUse {
  readonly ageSeconds: number;
  readonly expired: boolean;
}

/** One REST request: the fields of `studio-sim --format json`, then `column`, `kind` and `failure`. */
export interface SimulatedRequest {
  /** 1-based contact number. */
  readonly contact: number;
  /** Seconds since the contact started when the request was sent. */
  readonly time: number;
  /** The action that sent it (`SNIPPET 11 "Lookup customer"`; `run 3` for a .snippet file). */
  readonly action: string;
  /** 1-based line of the MakeRestRequest call in the document. */
  readonly line: number;
  readonly method: string;
  /** Tokens and credentials in it are masked. */
  readonly url: string;
  /** HTTP status; null when no answer came (a timeout or a failed connection: see `failure`). */
  readonly status: number | null;
  /** A bearer token the simulated identity provider issued, else null (also for token requests). */
  readonly token: SimulatedTokenUse | null;
  /** 1-based column of the MakeRestRequest call. */
  readonly column: number;
  /** `token`: a request to a token endpoint; `api`: any other. */
  readonly kind: 'token' | 'api';
  /** Why no answer came, when `status` is null. */
  readonly failure: string | null;
}

export interface SimulationSummary {
  readonly tokenRequests: number;
  readonly apiRequests: number;
  readonly expiredTokenRequests: number;
  readonly status401: number;
  readonly runtimeErrors: number;
}

/** A runtime error (an unsupported construct, a limit, a failed flow): the CLI's fields, then `contact` and `time`. */
export interface SimulatedError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly action: string;
  readonly contact: number;
  readonly time: number;
}

/** A token the simulated identity provider issued, in seconds since its contact started. */
export interface SimulatedToken {
  readonly contact: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Until the contact's next token was issued, else until the contact ended: the token's line in the picture. */
  readonly heldUntil: number;
}

/** A long-running action (a menu, a prompt, a queue, a wait…) that took time: a band in the picture. */
export interface SimulatedBand {
  readonly contact: number;
  /** Seconds since the contact started. */
  readonly time: number;
  readonly durationSeconds: number;
  readonly action: string;
  /** The action type (`REQAGENT`, `MENU`, `WAIT`…). */
  readonly type: string;
  /** Why that type can keep a contact waiting. */
  readonly reason: string;
}

/**
 * The simulation: `studio-sim --format json`'s document (`file` is the document URI) and what a picture of it needs.
 * Tokens and secrets are masked.
 */
export interface SimulationReport {
  readonly file: string;
  readonly contacts: number;
  readonly durationSeconds: number;
  readonly requests: readonly SimulatedRequest[];
  readonly summary: SimulationSummary;
  readonly errors: readonly SimulatedError[];
  readonly documentKind: 'snippet' | 'export';
  readonly tokenLifetimeSeconds: number;
  /** .snippet files: runs per contact; null for an export. */
  readonly runs: number | null;
  readonly tokens: readonly SimulatedToken[];
  readonly bands: readonly SimulatedBand[];
}

/**
 * The simulation, or why there is none (a `.studio` file, syntax errors, a document that is not open or not ours),
 * with details such as the syntax errors (`line:column message`).
 */
export type SimulateResult =
  | { readonly simulation: SimulationReport }
  | { readonly error: string; readonly details: readonly string[] };
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
