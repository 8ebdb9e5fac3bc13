import { randomBytes } from 'node:crypto';
import {
  Position,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  type WebviewPanel,
  window,
  workspace,
} from 'vscode';
import type { SimulationReport } from '../../server/src/common/protocol-ids';
import { simulationHtml } from './simulation-html';
import { SIMULATION_VIEW_TYPE, type SimulationRendered, type SimulationViewMessage } from './simulation-messages';

/** How long the command waits for the view to say what it drew before it stops waiting (it still shows). */
const RENDER_DEADLINE_MS = 15_000;

/**
 * The one "Simulate Long Contact" view: a webview beside the editor that draws a simulation (client/simulation-view,
 * bundled as client/out/simulation-view.js). A new simulation replaces the shown one. Clicking a line number in its
 * table shows that line of the simulated document.
 */
export class SimulationPanel {
  private panel: WebviewPanel | undefined;
  private source: Uri | undefined;
  private waiting: ((rendered: SimulationRendered | undefined) => void) | undefined;

  constructor(private readonly extensionUri: Uri) {}

  /** The document the shown simulation ran, while the view is open. */
  get shownSource(): Uri | undefined {
    return this.panel ? this.source : undefined;
  }

  /** Shows `report` and resolves with what the view drew (undefined if it did not say so in time). */
  show(source: Uri, report: SimulationReport): Promise<SimulationRendered | undefined> {
    const panel = this.panel ?? this.create();
    this.source = source;
    const name = source.path.split('/').pop() ?? source.path;
    panel.title = `Simulation: ${name}`;
    this.waiting?.(undefined);
    const rendered = new Promise<SimulationRendered | undefined>((resolve) => {
      const timer = setTimeout(() => finish(undefined), RENDER_DEADLINE_MS);
      const finish = (value: SimulationRendered | undefined): void => {
        clearTimeout(timer);
        if (this.waiting === finish) this.waiting = undefined;
        resolve(value);
      };
      this.waiting = finish;
    });
    const asset = (name: string): string =>
      panel.webview.asWebviewUri(Uri.joinPath(this.scriptFolder(), name)).toString();
    panel.webview.html = simulationHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('simulation-view.js'),
      styleUri: asset('simulation-view.css'),
      title: panel.title,
      reportJson: JSON.stringify(report),
    });
    panel.reveal(ViewColumn.Beside, false);
    return rendered;
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private scriptFolder(): Uri {
    return Uri.joinPath(this.extensionUri, 'client', 'out');
  }

  private create(): WebviewPanel {
    const panel = window.createWebviewPanel(
      SIMULATION_VIEW_TYPE,
      'Simulation',
      { viewColumn: ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [this.scriptFolder()], retainContextWhenHidden: false },
    );
    panel.webview.onDidReceiveMessage((message: SimulationViewMessage) => this.onMessage(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.waiting?.(undefined);
    });
    this.panel = panel;
    return panel;
  }

  private onMessage(message: SimulationViewMessage): void {
    if (message.type === 'rendered') {
      this.waiting?.(message);
      return;
    }
    if (message.type === 'reveal' && this.source) void this.reveal(this.source, message.line, message.column);
  }

  /** Shows the line in the editor that has the document open (else in the first column). */
  private async reveal(source: Uri, line: number, column: number): Promise<void> {
    const document = await workspace.openTextDocument(source);
    const visible = window.visibleTextEditors.find((editor) => editor.document.uri.toString() === source.toString());
    const position = document.validatePosition(new Position(Math.max(0, line - 1), Math.max(0, column - 1)));
    const editor = await window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? ViewColumn.One,
      preserveFocus: false,
    });
    editor.selection = new Selection(position, position);
    editor.revealRange(new Range(position, position), TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
