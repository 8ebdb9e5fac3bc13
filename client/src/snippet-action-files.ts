import {
  Disposable,
  EventEmitter,
  FileChangeType,
  type FileChangeEvent,
  type FileStat,
  FileSystemError,
  type FileSystemProvider,
  FileType,
  Uri,
  WorkspaceEdit,
  Range,
  workspace,
  type TextDocument,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  OPEN_SNIPPET_ACTION_REQUEST,
  SAVE_SNIPPET_ACTION_REQUEST,
  SNIPPET_ACTION_SCHEME,
  type OpenSnippetActionParams,
  type OpenSnippetActionResult,
  type SaveSnippetActionParams,
  type SaveSnippetActionResult,
} from '../../server/src/common/protocol-ids';

/** What a tab was read from: the fingerprint of the action's code then, and the tab's own stat. */
interface Base {
  readonly fingerprint: string;
  readonly exportUri: string;
  mtime: number;
  size: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Line breaks and a BOM do not count when the file on disk is compared with the editor's copy of it. */
function comparable(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * The SNIPPET actions of open exports as files (scheme SNIPPET_ACTION_SCHEME): reading one asks the language server
 * for the action's code in the export's current text; writing one asks it for the edits that put the code back,
 * applies them to the export as a workspace edit (so the export's undo takes them back) and saves the export. A write
 * is refused, with the server's reason, when the action's code changed in the export since the tab was read (the
 * server compares fingerprints), or when the file changed on disk and its editor has not caught up (compared here).
 * Non-dirty tabs follow their export as it changes.
 */
export class SnippetActionFiles implements FileSystemProvider {
  private readonly changes = new EventEmitter<FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly bases = new Map<string, Base>();
  private readonly writing = new Set<string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private clock = Date.now();

  constructor(private readonly client: LanguageClient) {}

  /**
   * The export changed: tabs of its actions whose code changed there are told so (a clean tab reloads; a tab with
   * unsaved edits gets VS Code's save conflict). A change elsewhere in the export, such as the export part of a quick
   * fix made in a tab, leaves the tabs alone. Asked a moment after the edits stop.
   */
  exportChanged(exportUri: string): void {
    if (![...this.bases.values()].some((base) => base.exportUri === exportUri)) return;
    clearTimeout(this.pending.get(exportUri));
    this.pending.set(
      exportUri,
      setTimeout(() => {
        this.pending.delete(exportUri);
        this.checkTabsOf(exportUri).catch(() => {}); // the next change or save checks again
      }, 300),
    );
  }

  private async checkTabsOf(exportUri: string): Promise<void> {
    const changed: FileChangeEvent[] = [];
    for (const [uri, base] of this.bases) {
      if (base.exportUri !== exportUri || this.writing.has(uri)) continue;
      const now = await this.client.sendRequest<OpenSnippetActionResult>(OPEN_SNIPPET_ACTION_REQUEST, {
        uri,
      } satisfies OpenSnippetActionParams);
      if ('error' in now || now.fingerprint === base.fingerprint) continue;
      base.mtime = this.tick();
      changed.push({ type: FileChangeType.Changed, uri: Uri.parse(uri, true) });
    }
    if (changed.length > 0) this.changes.fire(changed);
  }

  watch(): Disposable {
    return new Disposable(() => {});
  }

  stat(uri: Uri): FileStat {
    const base = this.bases.get(uri.toString());
    return { type: FileType.File, ctime: 0, mtime: base?.mtime ?? this.clock, size: base?.size ?? 0 };
  }

  async readFile(uri: Uri): Promise<Uint8Array> {
    await this.openExport(uri);
    const result = await this.client.sendRequest<OpenSnippetActionResult>(OPEN_SNIPPET_ACTION_REQUEST, {
      uri: uri.toString(),
    } satisfies OpenSnippetActionParams);
    if ('error' in result) throw FileSystemError.Unavailable(result.error);
    const bytes = encoder.encode(result.code);
    const previous = this.bases.get(uri.toString());
    this.bases.set(uri.toString(), {
      fingerprint: result.fingerprint,
      exportUri: result.exportUri,
      mtime: previous?.mtime ?? this.tick(),
      size: bytes.byteLength,
    });
    return bytes;
  }

  async writeFile(uri: Uri, content: Uint8Array): Promise<void> {
    const key = uri.toString();
    const base = this.bases.get(key);
    if (!base) throw FileSystemError.Unavailable('This action was not read from its export: reopen it.');
    const exportDocument = await this.openExport(uri);
    await this.refuseIfChangedOnDisk(exportDocument);
    const text = decoder.decode(content);
    const result = await this.client.sendRequest<SaveSnippetActionResult>(SAVE_SNIPPET_ACTION_REQUEST, {
      uri: key,
      text,
      fingerprint: base.fingerprint,
    } satisfies SaveSnippetActionParams);
    if ('error' in result) throw FileSystemError.NoPermissions(result.error);
    if (exportDocument.version !== result.exportVersion)
      throw FileSystemError.NoPermissions('The export changed while the action was written back: save again.');
    this.writing.add(key);
    try {
      const edit = new WorkspaceEdit();
      for (const e of result.edits) {
        const range = new Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
        edit.replace(exportDocument.uri, range, e.newText);
      }
      if (result.edits.length > 0 && !(await workspace.applyEdit(edit)))
        throw FileSystemError.NoPermissions('VS Code did not apply the edit to the export: nothing was written.');
      // Saving the tab saves the script: the export is saved with the action in it (and any other unsaved edit of it).
      if (exportDocument.isDirty && !(await exportDocument.save()))
        throw FileSystemError.NoPermissions('The export was updated in its editor but not saved: save it there.');
    } finally {
      this.writing.delete(key);
    }
    this.bases.set(key, { ...base, fingerprint: result.fingerprint, mtime: this.tick(), size: content.byteLength });
  }

  readDirectory(): [string, FileType][] {
    return [];
  }

  createDirectory(): void {
    throw FileSystemError.NoPermissions('SNIPPET actions are edited one at a time: there are no folders here.');
  }

  delete(): void {
    throw FileSystemError.NoPermissions('Delete the action in Studio; a tab only edits its code.');
  }

  rename(): void {
    throw FileSystemError.NoPermissions('Rename the action in Studio (its caption); a tab only edits its code.');
  }

  forget(uri: Uri): void {
    this.bases.delete(uri.toString());
  }

  /** The export a tab belongs to, opened (not shown) so the language server has its text. */
  private async openExport(uri: Uri): Promise<TextDocument> {
    if (uri.query === '') throw FileSystemError.FileNotFound(uri);
    try {
      return await workspace.openTextDocument(Uri.parse(uri.query, true));
    } catch (error) {
      throw FileSystemError.Unavailable(`The export ${uri.query} cannot be opened: ${String(error)}`);
    }
  }

  /** A clean editor copy that differs from the file means the file changed on disk and VS Code has not reloaded it. */
  private async refuseIfChangedOnDisk(exportDocument: TextDocument): Promise<void> {
    if (exportDocument.isDirty || exportDocument.isUntitled) return;
    let disk: string;
    try {
      disk = decoder.decode(await workspace.fs.readFile(exportDocument.uri));
    } catch {
      return; // not readable as a file (a virtual export): the server's fingerprint check still applies
    }
    if (comparable(disk) !== comparable(exportDocument.getText()))
      throw FileSystemError.NoPermissions(
        `${exportDocument.uri.path.replace(/^.*\//, '')} changed on disk since it was opened, so the tab was not ` +
          'written back: nothing was overwritten. Reopen the export and the action, then apply your change again.',
      );
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }
}

export { SNIPPET_ACTION_SCHEME };
