import type { CodeLens, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  COMMAND_IDS,
  type OpenSnippetActionParams,
  type OpenSnippetActionResult,
  type SaveSnippetActionParams,
  type SaveSnippetActionResult,
  type ScriptFlowParams,
  type ScriptFlowResult,
  type SnippetActionsParams,
  type SnippetActionsResult,
} from '../common/protocol-ids';
import { extractActionCode, inExportLineBreaks, replaceActionCode } from '../service';
import { actionFingerprint, actionTabUri, parseActionTabUri } from './action-tab-uri';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri } from './params';
import { toLspRange, toLspTextEdit } from './ranges';
import type { SettingsStore } from './settings-store';

/** The requests behind **Edit SNIPPET Action** and **Show Script Flow** (see common/protocol-ids.ts). */
export interface SnippetActionHandlers {
  snippetActions(params: SnippetActionsParams): SnippetActionsResult;
  openSnippetAction(params: OpenSnippetActionParams): OpenSnippetActionResult;
  saveSnippetAction(params: SaveSnippetActionParams): SaveSnippetActionResult;
  scriptFlow(params: ScriptFlowParams): Promise<ScriptFlowResult>;
  codeLens(params: unknown): CodeLens[];
}

function nameOf(uri: string): string {
  try {
    return decodeURIComponent(uri.replace(/[?#].*$/, '').replace(/^.*\//, ''));
  } catch {
    return uri;
  }
}

export function createSnippetActionHandlers(
  documents: TextDocuments<TextDocument>,
  targets: AnalysisTargets,
  settingsStore: SettingsStore,
): SnippetActionHandlers {
  /** The open export a URI is (or whose action tab it is). */
  const exportOf = (uri: string): TextDocument | { error: string } => {
    const exportUri = parseActionTabUri(uri)?.exportUri ?? uri;
    const document = documents.get(exportUri);
    if (!document) return { error: `${nameOf(exportUri)} is not open: open the export first` };
    return document;
  };

  return {
    snippetActions(params) {
      const document = exportOf(params.uri);
      if ('error' in document) return document;
      const analysis = targets.anyOf(document.uri)?.analysis;
      if (analysis?.kind !== 'export') return { error: `${nameOf(document.uri)} is not a Studio export` };
      const actions = analysis.snippetActions();
      const offset = params.position && document.uri === params.uri ? document.offsetAt(params.position) : undefined;
      const at =
        offset === undefined ? undefined : actions.find((a) => a.range.start <= offset && offset <= a.range.end);
      return {
        actions: actions.map((a) => ({
          actionId: a.actionId,
          caption: a.caption,
          uri: actionTabUri(document.uri, a.actionId, a.caption),
        })),
        ...(at ? { atPosition: at.actionId } : {}),
      };
    },

    openSnippetAction(params) {
      const address = parseActionTabUri(params.uri);
      if (!address) return { error: 'not a SNIPPET action tab' };
      const document = exportOf(params.uri);
      if ('error' in document) return document;
      const text = document.getText();
      const action = extractActionCode(text, address.actionId);
      if (!action) return { error: `${nameOf(document.uri)} has no SNIPPET action ${address.actionId} any more` };
      return {
        code: action.code,
        fingerprint: actionFingerprint(action.actionId, action.code),
        exportUri: document.uri,
        actionId: action.actionId,
        caption: action.caption,
      };
    },

    saveSnippetAction(params) {
      const address = parseActionTabUri(params.uri);
      if (!address) return { error: 'not a SNIPPET action tab' };
      const document = exportOf(params.uri);
      if ('error' in document) return document;
      const text = document.getText();
      const current = extractActionCode(text, address.actionId);
      if (!current) return { error: `${nameOf(document.uri)} has no SNIPPET action ${address.actionId} any more` };
      if (actionFingerprint(current.actionId, current.code) !== params.fingerprint)
        return {
          error:
            `SNIPPET action ${address.actionId} changed in ${nameOf(document.uri)} since this tab was opened (in ` +
            'another editor or on disk), so the tab was not written back: nothing was overwritten. Copy your code, ' +
            'reopen the action with Edit SNIPPET Action and apply it again.',
        };
      const code = inExportLineBreaks(text, address.actionId, params.text);
      const replaced = replaceActionCode(text, address.actionId, code);
      if (!replaced.ok) return { error: `The action was not written back: ${replaced.problem}.` };
      return {
        exportUri: document.uri,
        exportVersion: document.version,
        edits: replaced.edits.map((edit) => toLspTextEdit(document, edit)),
        fingerprint: actionFingerprint(address.actionId, code),
      };
    },

    async scriptFlow(params) {
      const document = exportOf(params.uri);
      if ('error' in document) return document;
      const version = document.version;
      const settings = await settingsStore.settingsFor(document.uri);
      const current = documents.get(document.uri);
      if (!current || current.version !== version) return { error: 'the export changed while it was drawn' };
      const diagram = targets.of(current.uri, settings)?.analysis.flowDiagram();
      if (!diagram) return { error: `${nameOf(current.uri)} is not a Studio export` };
      return {
        exportUri: current.uri,
        svg: diagram.svg,
        actions: diagram.actions.map((a) => ({ actionId: a.actionId, range: toLspRange(current, a.range) })),
      };
    },

    codeLens(params) {
      const uri = requireDocumentUri('textDocument/codeLens', params);
      if (parseActionTabUri(uri)) return [];
      const open = targets.anyOf(uri);
      if (!open) return [];
      if (open.analysis.kind !== 'export') return [];
      return open.analysis.snippetActions().map((action) => {
        const at = open.document.positionAt(action.codeRange.start);
        const caption = action.caption.trim() === '' ? '' : ` "${action.caption.trim()}"`;
        return {
          range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } },
          command: {
            title: `Edit SNIPPET action ${action.actionId}${caption} as Snippet`,
            command: COMMAND_IDS.editSnippetAction,
            arguments: [actionTabUri(uri, action.actionId, action.caption)],
          },
        };
      });
    },
  };
}
