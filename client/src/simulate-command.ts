import {
  commands,
  type Disposable,
  type Memento,
  ProgressLocation,
  type TextDocument,
  Uri,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GUIDE_LANGUAGE_ID,
  SIMULATE_REQUEST,
  SNIPPET_LANGUAGE_ID,
  type SimulateParams,
  type SimulateResult,
  type SimulationSummary,
} from '../../server/src/common/protocol-ids';
import { formatDuration, parseDuration } from './durations';
import { SimulationPanel } from './simulation-panel';
import type { SimulationRendered } from './simulation-messages';

/** Languages the command runs on: the server refuses a .studio file itself, with the reason. */
const SIMULATED_LANGUAGES = new Set([SNIPPET_LANGUAGE_ID, GUIDE_LANGUAGE_ID, 'xml']);

/** The last answers, per workspace. */
const LAST_DURATION = 'studioTokenLens.simulate.durationSeconds';
const LAST_LIFETIME = 'studioTokenLens.simulate.tokenLifetimeSeconds';
const DEFAULT_DURATION_SECONDS = 7200;
const DEFAULT_LIFETIME_SECONDS = 3600;

/**
 * Arguments for a call from a keybinding, a test or another extension (`executeCommand(id, args)`): whatever is given
 * is not asked. A Uri (from a context menu) chooses the document.
 */
export interface SimulateCommandArgs {
  /** The document to simulate (default: the active editor's, else the one the view shows). */
  readonly uri?: string;
  readonly durationSeconds?: number;
  readonly tokenLifetimeSeconds?: number;
}

/** Why the server did not simulate the document (also shown to the user). */
export interface SimulationRefused {
  readonly refused: string;
}

/** What a finished run shows: the report's summary and what the view drew. */
export interface SimulationShown {
  readonly durationSeconds: number;
  readonly tokenLifetimeSeconds: number;
  readonly summary: SimulationSummary;
  readonly rendered: SimulationRendered | undefined;
}

const TITLE = 'Simulate Long Contact';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function askDuration(
  step: number,
  prompt: string,
  remembered: number | undefined,
  fallback: number,
): Promise<number | undefined> {
  const answer = await window.showInputBox({
    title: `${TITLE} (${step}/2)`,
    prompt,
    value: formatDuration(remembered ?? fallback),
    ignoreFocusOut: true,
    validateInput: (text) =>
      parseDuration(text) === undefined ? 'A duration above 0 and at most 10 days: 7200, 2h, 90m or 1h30m' : undefined,
  });
  return answer === undefined ? undefined : parseDuration(answer);
}

/**
 * "Simulate Long Contact": asks how long the contact lasts and how long tokens live (the last answers are remembered
 * per workspace), has the language server simulate the document (request `studioTokenLens/simulate`) and draws the
 * result in a view beside it. All simulation and analysis is in the server; the view only draws.
 */
export function registerSimulateLongContact(
  commandId: string,
  client: LanguageClient,
  state: Memento,
  extensionUri: Uri,
): Disposable[] {
  const panel = new SimulationPanel(extensionUri);

  const documentFor = async (target: Uri | SimulateCommandArgs | undefined): Promise<TextDocument | undefined> => {
    const uri = target instanceof Uri ? target : target?.uri ? Uri.parse(target.uri) : undefined;
    if (uri) return workspace.openTextDocument(uri);
    // With the view focused there is no active editor: simulate its document again.
    const active = window.activeTextEditor?.document;
    if (active) return active;
    return panel.shownSource ? workspace.openTextDocument(panel.shownSource) : undefined;
  };

  const command = async (
    target?: Uri | SimulateCommandArgs,
  ): Promise<SimulationShown | SimulationRefused | undefined> => {
    const document = await documentFor(target);
    if (!document || !SIMULATED_LANGUAGES.has(document.languageId)) {
      void window.showWarningMessage(`${TITLE}: open a .snippet file or a Desktop Studio export (.xml) first.`);
      return undefined;
    }
    const given = target instanceof Uri ? undefined : target;
    const durationSeconds =
      given?.durationSeconds ??
      (await askDuration(
        1,
        'How long does the contact last? Seconds, or hours and minutes: 7200, 2h, 90m, 1h30m.',
        state.get<number>(LAST_DURATION),
        DEFAULT_DURATION_SECONDS,
      ));
    if (durationSeconds === undefined) return undefined;
    const tokenLifetimeSeconds =
      given?.tokenLifetimeSeconds ??
      (await askDuration(
        2,
        "How long do access tokens live (the identity provider's expires_in)? 3600 or 1h is typical.",
        state.get<number>(LAST_LIFETIME),
        DEFAULT_LIFETIME_SECONDS,
      ));
    if (tokenLifetimeSeconds === undefined) return undefined;
    await state.update(LAST_DURATION, durationSeconds);
    await state.update(LAST_LIFETIME, tokenLifetimeSeconds);

    const params: SimulateParams = {
      textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      durationSeconds,
      tokenLifetimeSeconds,
    };
    let result: SimulateResult;
    let cancelled = false;
    try {
      result = await window.withProgress(
        {
          location: ProgressLocation.Notification,
          title:
            `Simulating a ${formatDuration(durationSeconds)} contact ` +
            `with ${formatDuration(tokenLifetimeSeconds)} tokens…`,
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => (cancelled = true));
          return client.sendRequest<SimulateResult>(SIMULATE_REQUEST, params, token);
        },
      );
    } catch (error) {
      if (cancelled) return undefined;
      void window.showErrorMessage(`${TITLE} needs the language server, which did not answer: ${describe(error)}`);
      return undefined;
    }
    if ('error' in result) {
      const first = result.details[0];
      const more = result.details.length > 1 ? ` (and ${result.details.length - 1} more)` : '';
      void window.showWarningMessage(first ? `${result.error} Line ${first}${more}` : result.error);
      return { refused: result.error };
    }
    const { simulation } = result;
    const rendered = await panel.show(document.uri, simulation);
    return { durationSeconds, tokenLifetimeSeconds, summary: simulation.summary, rendered };
  };

  return [commands.registerCommand(commandId, command), { dispose: () => panel.dispose() }];
}
