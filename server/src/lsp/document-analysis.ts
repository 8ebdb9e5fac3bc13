import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../common/settings';
import { documentKindOf } from '../documents/document-kind';
import { parseDocument, type ParsedDocument } from '../documents/parsed-document';
import type { Finding } from '../diagnostics/finding';
import { lintDocument } from '../service/lint';
import { documentNameOf } from './document-name';
import { createLanguageModelCache } from './language-model-cache';

/** One version of an open document as the core sees it. */
export interface DocumentAnalysis {
  /** The name the core read the kind from (the URI's path). */
  readonly name: string;
  /** Undefined when the document is not ours (e.g. XML that is not a Studio export): it is ignored silently. */
  readonly document: ParsedDocument | undefined;
  /** Findings under the given settings; remembered for the last settings object asked for. */
  findings(settings: Settings): readonly Finding[];
}

export interface DocumentAnalyses {
  get(textDocument: TextDocument): DocumentAnalysis;
  onDocumentRemoved(uri: string): void;
  dispose(): void;
}

const MAX_CACHED_DOCUMENTS = 10;

/**
 * Parses each (uri, version) once, as `lintText` does (kind from the name, language id and XML
 * root, then the matching parser), and lints per settings. Settings objects are cached per
 * resource and replaced when configuration changes, so identity tells whether findings are current.
 */
export function createDocumentAnalyses(): DocumentAnalyses {
  return createLanguageModelCache(MAX_CACHED_DOCUMENTS, analyze);
}

function analyze(textDocument: TextDocument): DocumentAnalysis {
  const name = documentNameOf(textDocument.uri);
  const text = textDocument.getText();
  const kind = documentKindOf(name, textDocument.languageId, text);
  const document = kind ? parseDocument(kind, text) : undefined;
  let memo: { settings: Settings; findings: readonly Finding[] } | undefined;
  return {
    name,
    document,
    findings(settings) {
      if (!document) return [];
      if (memo?.settings !== settings) memo = { settings, findings: lintDocument(document, settings) };
      return memo.findings;
    },
  };
}
