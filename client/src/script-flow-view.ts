import { randomBytes } from 'node:crypto';
import {
  commands,
  type Disposable,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  type WebviewPanel,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  SCRIPT_FLOW_REQUEST,
  SNIPPET_ACTION_SCHEME,
  type ScriptFlowParams,
  type ScriptFlowResult,
  type WireRange,
} from '../../server/src/common/protocol-ids';

/** The webview's script: zoom (buttons, Ctrl/Cmd + wheel, keys), and a click on an action asks to reveal it. */
const VIEW_SCRIPT = `
const vscode = acquireVsCodeApi();
const stage = document.getElementById('stage');
const level = document.getElementById('zoom-level');
const saved = (vscode.getState() || {}).scale;
let scale = saved || 1;
function svg() { return stage.querySelector('svg'); }
function apply() {
  const picture = svg();
  if (!picture) return;
  const box = picture.viewBox.baseVal;
  picture.setAttribute('width', String(box.width * scale));
  picture.setAttribute('height', String(box.height * scale));
  level.textContent = Math.round(scale * 100) + '%';
  vscode.setState({ scale });
}
function zoom(factor) { scale = Math.min(4, Math.max(0.2, scale * factor)); apply(); }
function fitted() {
  const box = svg().viewBox.baseVal;
  return Math.min(4, Math.max(0.2, Math.min((innerWidth - 24) / box.width, (innerHeight - 56) / box.height)));
}
function fit() {
  if (!svg()) return;
  scale = fitted();
  apply();
}
document.getElementById('zoom-in').addEventListener('click', () => zoom(1.25));
document.getElementById('zoom-out').addEventListener('click', () => zoom(0.8));
document.getElementById('zoom-fit').addEventListener('click', fit);
addEventListener('wheel', (event) => {
  if (!event.ctrlKey && !event.metaKey) return;
  event.preventDefault();
  zoom(event.deltaY < 0 ? 1.1 : 0.9);
}, { passive: false });
addEventListener('keydown', (event) => {
  if (event.key === '+' || event.key === '=') zoom(1.25);
  else if (event.key === '-') zoom(0.8);
  else if (event.key === '0') fit();
});
stage.addEventListener('click', (event) => {
  const node = event.target instanceof Element ? event.target.closest('[data-action-id]') : null;
  if (node) vscode.postMessage({ type: 'reveal', actionId: Number(node.getAttribute('data-action-id')) });
});
addEventListener('message', (event) => {
  if (event.data && event.data.type === 'update') { stage.innerHTML = event.data.svg; apply(); }
});
// First shown: the whole flow, shrunk to fit when it is larger than the view (never enlarged).
if (!saved && svg()) scale = Math.min(1, fitted());
apply();
`;

function nonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The page: the server's SVG inline (no network: `default-src 'none'`, only this page's own script by nonce, inline
 * styles for the SVG's own `<style>`), a zoom bar, and the script above.
 */
function pageOf(svg: string, title: string): string {
  const n = nonce();
  const contentSecurityPolicy = `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${n}';`;
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapedTitle}</title>
<style>
body { margin: 0; padding: 0; background: var(--vscode-editor-background); color: var(--vscode-foreground); }
#bar { position: sticky; top: 0; display: flex; gap: 6px; align-items: center; padding: 6px 10px;
  background: var(--vscode-editorWidget-background); border-bottom: 1px solid var(--vscode-panel-border); z-index: 1; }
#bar button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: none; padding: 2px 10px; cursor: pointer; }
#bar .hint { opacity: 0.7; margin-left: 8px; }
#stage { padding: 8px; }
#stage svg { display: block; }
#stage .node:hover .node-box { stroke-width: 3.5; }
</style>
</head>
<body>
<div id="bar"><button id="zoom-out" title="Zoom out (-)">−</button><button id="zoom-in" title="Zoom in (+)">+</button>
<button id="zoom-fit" title="Fit (0)">Fit</button><span id="zoom-level">100%</span>
<span class="hint">Click an action to show it in the export · Ctrl+wheel zooms</span></div>
<div id="stage">${svg}</div>
<script nonce="${n}">${VIEW_SCRIPT}</script>
</body>
</html>`;
}

interface FlowPanel {
  readonly panel: WebviewPanel;
  actions: readonly { readonly actionId: number; readonly range: WireRange }[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The export a document is, or whose SNIPPET action tab it is. */
function exportUriOf(uri: Uri): Uri {
  return uri.scheme === SNIPPET_ACTION_SCHEME && uri.query !== '' ? Uri.parse(uri.query, true) : uri;
}

/**
 * **Show Script Flow**: the export's action graph as a diagram in a webview beside the editor (the SVG the server
 * renders, the same as `studio-lint --graph`), kept up to date as the export changes; clicking an action selects it
 * in the export.
 */
export function registerShowScriptFlow(commandId: string, client: LanguageClient): Disposable[] {
  const panels = new Map<string, FlowPanel>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const request = (uri: string): Promise<ScriptFlowResult> =>
    client.sendRequest<ScriptFlowResult>(SCRIPT_FLOW_REQUEST, { uri } satisfies ScriptFlowParams);

  const reveal = async (exportUri: string, actionId: number): Promise<void> => {
    const range = panels.get(exportUri)?.actions.find((a) => a.actionId === actionId)?.range;
    if (!range) return;
    const document = await workspace.openTextDocument(Uri.parse(exportUri, true));
    const target = new Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const editor = await window.showTextDocument(document, { viewColumn: ViewColumn.One, preserveFocus: false });
    editor.selection = new Selection(target.start, target.end);
    editor.revealRange(target, TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const command = async (): Promise<void> => {
    const editor = window.activeTextEditor;
    if (!editor) {
      void window.showInformationMessage('Open a Desktop Studio export (.xml) to see its flow.');
      return;
    }
    const exportUri = exportUriOf(editor.document.uri).toString();
    try {
      await workspace.openTextDocument(Uri.parse(exportUri, true));
      const result = await request(exportUri);
      if ('error' in result) {
        void window.showWarningMessage(result.error);
        return;
      }
      const open = panels.get(result.exportUri);
      if (open) {
        open.actions = result.actions;
        void open.panel.webview.postMessage({ type: 'update', svg: result.svg });
        open.panel.reveal(ViewColumn.Beside);
        return;
      }
      const name = decodeURIComponent(result.exportUri.replace(/^.*\//, ''));
      const panel = window.createWebviewPanel(
        'studioTokenLens.scriptFlow',
        `Flow: ${name}`,
        { viewColumn: ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [] },
      );
      panel.webview.html = pageOf(result.svg, `Flow of ${name}`);
      const entry: FlowPanel = { panel, actions: result.actions };
      panels.set(result.exportUri, entry);
      panel.webview.onDidReceiveMessage((message: { type?: unknown; actionId?: unknown }) => {
        if (message.type === 'reveal' && typeof message.actionId === 'number')
          reveal(result.exportUri, message.actionId).catch((error: unknown) =>
            window.showErrorMessage(`Show Script Flow: ${describe(error)}`),
          );
      });
      panel.onDidDispose(() => panels.delete(result.exportUri));
    } catch (error) {
      void window.showErrorMessage(`Show Script Flow: ${describe(error)}`);
    }
  };

  /** Redraws an open flow a moment after its export stops changing. */
  const refresh = (exportUri: string): void => {
    if (!panels.has(exportUri)) return;
    clearTimeout(pending.get(exportUri));
    pending.set(
      exportUri,
      setTimeout(() => {
        pending.delete(exportUri);
        request(exportUri)
          .then((result) => {
            const open = panels.get(exportUri);
            if (!open || 'error' in result) return;
            open.actions = result.actions;
            void open.panel.webview.postMessage({ type: 'update', svg: result.svg });
          })
          .catch(() => {}); // the next change or the command draws it again
      }, 400),
    );
  };

  return [
    commands.registerCommand(commandId, command),
    workspace.onDidChangeTextDocument(({ document }) => refresh(document.uri.toString())),
    {
      dispose: () => {
        for (const timer of pending.values()) clearTimeout(timer);
      },
    },
  ];
}
