import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { say } from './log';

/**
 * Runs in the extension host of a real VS Code (code-server or @vscode/test-electron). No fixed sleeps: events or polls
 * with deadlines.
 */

export const EXTENSION_ID = 'studio-token-lens.studio-token-lens';
export const SOURCE = 'studio-token-lens';

/** How long a diagnostic, hover or state change may take before a test fails. */
export const DEADLINE_MS = Number(process.env.STL_E2E_DEADLINE_MS ?? 8_000);

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  return found;
}

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner opens a copy of test/e2e/workspace/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Polls `probe` until it returns something other than undefined; fails with `what` and the last state after the
 * deadline.
 */
export async function poll<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = DEADLINE_MS,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      return (
        `${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ` +
        `${start.line}:${start.character}-${end.line}:${end.character} "${d.message}"`
      );
    })
    .join('; ');
}

/**
 * Resolves with our diagnostics for `uri` once `accept` returns true for them, reacting to
 * `languages.onDidChangeDiagnostics`; rejects after the deadline with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = ours(uri);
      if (!accept(current)) return false;
      finish();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} in ${path.basename(uri.path)}; diagnostics: ` +
            `${describeDiagnostics(ours(uri))}`,
        ),
      );
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits for a diagnostic with `code` in `uri` and returns it. */
export async function diagnosticWithCode(
  uri: vscode.Uri,
  code: string,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic> {
  const all = await waitForDiagnostics(
    uri,
    `a ${code} diagnostic`,
    (ds) => ds.some((d) => codeOf(d) === code),
    timeoutMs,
  );
  const found = all.find((d) => codeOf(d) === code);
  assert.ok(found);
  return found;
}

export function textOf(document: vscode.TextDocument, range: vscode.Range): string {
  return document.getText(range);
}

export function rangeString(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The folder screenshots go to; set by test/e2e/run.mjs only (the electron runner takes none). */
const ARTIFACTS = process.env.STL_E2E_ARTIFACTS;

/**
 * Asks the runner for a screenshot of the whole workbench once `selector` is visible, and waits
 * until the PNG exists (the runner writes it atomically). No-op without a runner that takes them.
 */
export async function screenshot(name: string, selector: string): Promise<void> {
  if (!ARTIFACTS) return;
  const file = path.join(ARTIFACTS, `${name}.png`);
  say(`[screenshot] ${name} ${selector}`);
  await poll(`the runner's screenshot ${file}`, () => (existsSync(file) ? true : undefined), 20_000, 50);
}

/**
 * Asks the runner to click `selector` inside the active webview's content (a real click in the page); resolves once
 * it has been done, or fails with the runner's reason.
 */
export async function clickInWebview(name: string, selector: string): Promise<void> {
  assert.ok(ARTIFACTS, 'clicking in a webview needs the runner (STL_E2E_ARTIFACTS)');
  const file = path.join(ARTIFACTS, `${name}.clicked`);
  say(`[webview-click] ${name} ${selector}`);
  await poll(`the runner's click ${file}`, () => (existsSync(file) ? true : undefined), 20_000, 50);
  const result = readFileSync(file, 'utf8');
  assert.ok(!result.startsWith('failed'), result);
}

export function metric(name: string, value: number): void {
  say(`[metric] ${name} ${Math.round(value)}`);
}

/** The workspace-level configuration target: the runner opens a folder, so this is its .vscode/settings.json. */
export async function setWorkspaceSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Closes every editor without saving (each test starts from the fixture files on disk). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Discards unsaved changes of the active editor. */
export async function revertActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
