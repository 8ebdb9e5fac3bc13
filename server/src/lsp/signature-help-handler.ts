import { MarkupKind, type SignatureHelp, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requirePosition } from './params';

export type SignatureHelpHandler = (params: unknown) => SignatureHelp | null;

export const SIGNATURE_TRIGGERS = ['(', ','];

/** `textDocument/signatureHelp`: the parameters of the built-in or FUNCTION being called, the current one marked. */
export function createSignatureHelpHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): SignatureHelpHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/signatureHelp', params);
    const position = requirePosition('textDocument/signatureHelp', params);
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    const signature = open.analysis.signatureAt(open.document.offsetAt(position));
    if (!signature) return null;
    return {
      signatures: [
        {
          label: signature.label,
          documentation: { kind: MarkupKind.Markdown, value: signature.documentation },
          parameters: signature.parameters.map((p) => ({
            label: [p.label[0], p.label[1]] as [number, number],
            ...(p.documentation ? { documentation: { kind: MarkupKind.Markdown, value: p.documentation } } : {}),
          })),
        },
      ],
      activeSignature: 0,
      activeParameter: signature.activeParameter,
    };
  };
}
