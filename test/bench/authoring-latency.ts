import { performance } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { positionOf } from '../protocol/positions';
import { PULL_CAPABILITIES, TestClient } from '../protocol/lsp-client';
import { bundleJsonLanguageServer } from './anchors/bundle';
import { generateExport, generateJson, generateSnippet } from './generate';

/**
 * Latency of each authoring request on a 20,000-line document, as an editor sees it: right after an edit (typing in a
 * URL string, so the request meets a new document version: parse and symbol index included), timed from the
 * didChange to the answer, and again on the same version. The same targets as diagnostics apply (issue 17: p95 < 10 ms
 * at 20k lines for requests other than diagnostics).
 */

const SAMPLES = 20;

const CAPABILITIES = {
  ...PULL_CAPABILITIES,
  textDocument: {
    ...PULL_CAPABILITIES.textDocument,
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    rename: { prepareSupport: true },
  },
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Offsets of each match of `pattern` plus `delta`, spread over the whole document. */
function spread(text: string, pattern: RegExp, delta: number): number[] {
  const all = [...text.matchAll(pattern)].map((m) => m.index + delta);
  const step = Math.max(1, Math.floor(all.length / SAMPLES));
  return all.filter((_, i) => i % step === 0).slice(0, SAMPLES);
}

interface RequestCase {
  readonly method: string;
  /** How the table names the case (the method without `textDocument/` by default). */
  readonly label?: string;
  /** Where the request points, or undefined for whole-document requests. */
  readonly offsets?: readonly number[];
  /**
   * The request names the result of the one before it (`previousResultId`), as VS Code's semantic tokens delta
   * requests do: the first is named by a full request before the samples.
   */
  readonly chained?: true;
  readonly params: (
    uri: string,
    position: { line: number; character: number } | undefined,
    previousResultId?: string,
  ) => object;
}

function cases(text: string): RequestCase[] {
  const at = (uri: string, position: unknown) => ({ textDocument: { uri }, position });
  const token = spread(text, /\{cachedToken\}/g, 3);
  const proxy = spread(text, /proxy\d+\.AddHeader/g, 2);
  const member = spread(text, /(?<=proxy\d+\.)ContentType/g, 0);
  const interpolation = spread(text, /\{cachedToken\}/g, 1);
  const typed = spread(text, /\{cachedToken\}/g, 4);
  const call = spread(text, /, "", 0, "GET"\)/g, 6);
  const options = { tabSize: 2, insertSpaces: true };
  return [
    { method: 'textDocument/documentSymbol', params: (uri) => ({ textDocument: { uri } }) },
    { method: 'textDocument/semanticTokens/full', params: (uri) => ({ textDocument: { uri } }) },
    {
      method: 'textDocument/semanticTokens/full/delta',
      chained: true,
      params: (uri, _, previousResultId) => ({ textDocument: { uri }, previousResultId }),
    },
    {
      method: 'textDocument/semanticTokens/range',
      offsets: token,
      params: (uri, p) => ({
        textDocument: { uri },
        range: { start: { line: p!.line, character: 0 }, end: { line: p!.line + 60, character: 0 } },
      }),
    },
    { method: 'textDocument/definition', offsets: token, params: at },
    {
      method: 'textDocument/references',
      offsets: token,
      params: (uri, p) => ({ ...at(uri, p), context: { includeDeclaration: true } }),
    },
    { method: 'textDocument/documentHighlight', offsets: proxy, params: at },
    { method: 'textDocument/prepareRename', offsets: proxy, params: at },
    { method: 'textDocument/rename', offsets: token, params: (uri, p) => ({ ...at(uri, p), newName: 'crmToken' }) },
    { method: 'textDocument/completion', label: 'completion (member)', offsets: member, params: at },
    { method: 'textDocument/completion', label: 'completion (all names)', offsets: interpolation, params: at },
    { method: 'textDocument/completion', label: 'completion (typed "cac")', offsets: typed, params: at },
    { method: 'textDocument/signatureHelp', offsets: call, params: at },
    { method: 'textDocument/hover', offsets: proxy, params: at },
    { method: 'textDocument/formatting', params: (uri) => ({ textDocument: { uri }, options }) },
    { method: 'textDocument/foldingRange', params: (uri) => ({ textDocument: { uri } }) },
  ];
}

/**
 * The same kinds of request to the JSON language server anchor on a JSON document of the same bytes: the
 * whole-document ones, hover over a key and completion in a key (keys of the other objects are proposed).
 */
function jsonCases(text: string): RequestCase[] {
  const at = (uri: string, position: unknown) => ({ textDocument: { uri }, position });
  const key = spread(text, /"baseUrl"/g, 2);
  const options = { tabSize: 2, insertSpaces: true };
  return [
    { method: 'textDocument/documentSymbol', params: (uri) => ({ textDocument: { uri } }) },
    { method: 'textDocument/hover', offsets: key, params: at },
    { method: 'textDocument/completion', label: 'completion (key)', offsets: key, params: at },
    { method: 'textDocument/formatting', params: (uri) => ({ textDocument: { uri }, options }) },
    { method: 'textDocument/foldingRange', params: (uri) => ({ textDocument: { uri } }) },
  ];
}

/** A document the bench opens in one server, and the requests it times there. */
interface Subject {
  readonly label: string;
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
  readonly cases: readonly RequestCase[];
}

/** An edit that keeps the length: one character typed in a URL, or taken out again. */
function typing(text: string, i: number): TextDocumentContentChangeEvent {
  const lines = text.split('\n');
  const target = lines.findIndex((l, n) => n > (i * 97) % lines.length && l.includes('"https://'));
  const line = target >= 0 ? target : lines.findIndex((l) => l.includes('"https://'));
  const character = lines[line]!.indexOf('"https://') + '"https://'.length;
  const start = { line, character };
  return i % 2 === 0
    ? { range: { start, end: start }, text: 'x' }
    : { range: { start, end: { line, character: character + 1 } }, text: '' };
}

async function measure(client: TestClient, { label, uri, languageId, text, cases }: Subject): Promise<string[][]> {
  await client.open(uri, languageId, text);
  await client.pull(uri);
  const rows: string[][] = [];
  let edit = 0;
  for (const c of cases) {
    const afterEdit: number[] = [];
    const sameVersion: number[] = [];
    let resultId: string | undefined;
    const send = async (params: object): Promise<void> => {
      const answer = await client.connection.sendRequest<{ resultId?: string } | null>(c.method, params);
      resultId = answer?.resultId;
    };
    if (c.chained) {
      const full = await client.connection.sendRequest<{ resultId?: string }>('textDocument/semanticTokens/full', {
        textDocument: { uri },
      });
      resultId = full.resultId;
    }
    for (let i = 0; i < SAMPLES; i++) {
      const offset = c.offsets ? c.offsets[i % c.offsets.length]! : undefined;
      const position = offset === undefined ? undefined : positionOf(text, offset);
      // A pair of edits (type a character, take it out) leaves the text as it was, so positions stay valid.
      let start = performance.now();
      await client.change(uri, [typing(text, edit++)]);
      await client.change(uri, [typing(text, edit++)]);
      await send(c.params(uri, position, resultId));
      afterEdit.push(performance.now() - start);
      start = performance.now();
      await send(c.params(uri, position, resultId));
      sameVersion.push(performance.now() - start);
    }
    afterEdit.sort((a, b) => a - b);
    sameVersion.sort((a, b) => a - b);
    rows.push([
      label,
      c.label ?? c.method.replace('textDocument/', ''),
      percentile(afterEdit, 50).toFixed(1),
      percentile(afterEdit, 95).toFixed(1),
      percentile(sameVersion, 50).toFixed(1),
      percentile(sameVersion, 95).toFixed(1),
    ]);
  }
  await client.close(uri);
  return rows;
}

function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function measureAuthoringLatency(lines = 20_000): Promise<string> {
  const snippet = generateSnippet(lines);
  const xml = generateExport(lines);
  const json = generateJson(snippet.length);
  const ours = await TestClient.start({ capabilities: CAPABILITIES });
  const rows: string[][] = [];
  try {
    rows.push(
      ...(await measure(ours, {
        label: '.snippet',
        uri: 'file:///bench/authoring.snippet',
        languageId: 'cxone-snippet',
        text: snippet,
        cases: cases(snippet),
      })),
      ...(await measure(ours, {
        label: 'export',
        uri: 'file:///bench/authoring.xml',
        languageId: 'xml',
        text: xml,
        cases: cases(xml),
      })),
    );
  } finally {
    await ours.dispose();
  }
  const anchor = bundleJsonLanguageServer();
  const jsonServer = await TestClient.start({ capabilities: CAPABILITIES, server: anchor.file });
  try {
    rows.push(
      ...(await measure(jsonServer, {
        label: 'JSON LS, same bytes',
        uri: 'file:///bench/authoring.json',
        languageId: 'json',
        text: json,
        cases: jsonCases(json),
      })),
    );
  } finally {
    await jsonServer.dispose();
    anchor.dispose();
  }
  return [
    `Authoring requests, ${SAMPLES} samples each (ms): "after edit" = didChange (two edits, the text back as it ` +
      'was) + the request, so each meets a new version (parse and symbol index included); "same version" = the ' +
      `request again on that version. ${snippet.split('\n').length - 1}-line .snippet, ` +
      `${xml.split('\n').length - 1}-line export (${(xml.match(/<Action>SNIPPET/g) ?? []).length} SNIPPET actions); ` +
      `the JSON language server anchor on ${json.split('\n').length - 1} lines of JSON of the .snippet's bytes ` +
      '(its defaults: at most 5,000 symbols and folding ranges).',
    '',
    table(['document', 'request', 'after edit p50', 'p95', 'same version p50', 'p95'], rows),
  ].join('\n');
}
