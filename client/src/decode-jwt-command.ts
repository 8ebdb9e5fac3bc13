import {
  commands,
  env,
  EventEmitter,
  Uri,
  window,
  workspace,
  type Disposable,
  type TextDocumentContentProvider,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DECODE_JWT_REQUEST,
  SETTINGS_SECTION,
  type DecodeJwtParams,
  type DecodeJwtResult,
} from '../../server/src/common/protocol-ids';

/** Read-only documents holding decoded-JWT reports; the URI never contains the token. */
export const JWT_REPORT_SCHEME = 'studio-token-lens-jwt';

/**
 * Every JWT starts with `eyJ` (base64url of `{"`). The clipboard is read without asking, so it goes to the server only
 * when it may hold one: a password copied a minute ago stays where it is.
 */
const JWT_START = 'eyJ';

class JwtReportProvider implements TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  add(markdown: string): Uri {
    const uri = Uri.from({ scheme: JWT_REPORT_SCHEME, path: `/JWT report ${++this.counter}.md` });
    this.reports.set(uri.toString(), markdown);
    return uri;
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.reports.get(uri.toString()) ?? '';
  }
}

type Decode = (text: string) => Promise<DecodeJwtResult>;

/**
 * The selection, else a JWT on the clipboard, else what the user pastes. Undefined when there is nothing to decode
 * (the input box was dismissed or left empty).
 */
async function decodeWhatTheUserMeans(decode: Decode): Promise<DecodeJwtResult | undefined> {
  const editor = window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  if (selected.trim() !== '') return decode(selected);
  const clipboard = await env.clipboard.readText();
  if (clipboard.includes(JWT_START)) {
    const fromClipboard = await decode(clipboard);
    // Text that only contains `eyJ` is not what the user meant: ask instead of reporting on it.
    if ('markdown' in fromClipboard) return fromClipboard;
  }
  const typed = await window.showInputBox({
    title: 'Decode JWT',
    prompt:
      'Paste a JWT (a leading "Bearer " is ignored). It is decoded on this machine; nothing goes over the network.',
    password: true,
    ignoreFocusOut: true,
  });
  return typed === undefined || typed.trim() === '' ? undefined : decode(typed);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Decode JWT": the language server decodes (request `studioTokenLens/decodeJwt`), so the client carries no JWT code;
 * the report is the hover's, shown in a read-only Markdown editor. Nothing leaves the machine.
 */
export function registerDecodeJwt(commandId: string, client: LanguageClient): Disposable[] {
  const provider = new JwtReportProvider();
  const command = async (): Promise<void> => {
    const scope = window.activeTextEditor?.document.uri;
    const bufferSeconds = workspace.getConfiguration(SETTINGS_SECTION, scope).get<number>('bufferSeconds');
    const decode: Decode = (text) =>
      client.sendRequest<DecodeJwtResult>(DECODE_JWT_REQUEST, { text, bufferSeconds } satisfies DecodeJwtParams);
    let result: DecodeJwtResult | undefined;
    try {
      result = await decodeWhatTheUserMeans(decode);
    } catch (error) {
      void window.showErrorMessage(`Decode JWT needs the language server, which did not answer: ${describe(error)}`);
      return;
    }
    if (result === undefined) return;
    if ('error' in result) {
      void window.showWarningMessage(result.error);
      return;
    }
    const document = await workspace.openTextDocument(provider.add(result.markdown));
    await window.showTextDocument(document, { preview: true });
  };
  return [
    workspace.registerTextDocumentContentProvider(JWT_REPORT_SCHEME, provider),
    commands.registerCommand(commandId, command),
  ];
}
