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
import { SETTINGS_SECTION } from '../../server/src/common/settings';
import { decodeJwtToken } from '../../server/src/jwt/decode';
import { findJwts } from '../../server/src/jwt/find';
import { renderJwtReport } from '../../server/src/jwt/report';

/** Read-only documents holding decoded-JWT reports; the URI never contains the token. */
export const JWT_REPORT_SCHEME = 'studio-token-lens-jwt';

/** The token inside some text: a JWT-shaped run (an optional `Bearer ` is skipped), else the trimmed text. */
export function tokenIn(text: string): string {
  const found = findJwts(text)[0];
  return found ? found.token : text.trim().replace(/^Bearer\s+/i, '');
}

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

async function askForText(): Promise<string | undefined> {
  const editor = window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const clipboard = await env.clipboard.readText();
  if (findJwts(clipboard).length > 0) return clipboard;
  return window.showInputBox({
    title: 'Decode JWT',
    prompt: 'Paste a JWT (a leading "Bearer " is ignored). It is decoded locally and never sent anywhere.',
    password: true,
    ignoreFocusOut: true,
  });
}

/**
 * "Decode JWT": decodes the selection, else a JWT on the clipboard, else asks; shows the same report as
 * the hover in a read-only Markdown editor. Nothing leaves the machine.
 */
export function registerDecodeJwt(commandId: string): Disposable[] {
  const provider = new JwtReportProvider();
  const command = async (): Promise<void> => {
    const text = await askForText();
    if (text === undefined || text.trim() === '') return;
    const token = tokenIn(text);
    const bufferSeconds = workspace.getConfiguration(SETTINGS_SECTION).get<number>('bufferSeconds', 300);
    const report = renderJwtReport(token, { now: new Date(), bufferSeconds });
    if (report === undefined) {
      const decoded = decodeJwtToken(token);
      const reason = decoded.kind === 'invalid' ? decoded.reason : 'unknown format';
      void window.showWarningMessage(`Not a decodable JWT: ${reason}`);
      return;
    }
    const document = await workspace.openTextDocument(provider.add(report));
    await window.showTextDocument(document, { preview: true });
  };
  return [
    workspace.registerTextDocumentContentProvider(JWT_REPORT_SCHEME, provider),
    commands.registerCommand(commandId, command),
  ];
}
