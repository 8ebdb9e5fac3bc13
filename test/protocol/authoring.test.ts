import * as assert from 'node:assert/strict';
import type {
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  Location,
  Range,
  SemanticTokens,
  SemanticTokensDelta,
  SignatureHelp,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKEN_TYPES } from '../../server/src/service';
import { readExport } from '../../server/src/syntax/export/read-export';
import { readAnnotated } from '../helpers/annotated';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './lsp-client';
import { positionOf, rangeOf, textAt } from './positions';

const CAPABILITIES = {
  ...PULL_CAPABILITIES,
  textDocument: {
    ...PULL_CAPABILITIES.textDocument,
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    rename: { prepareSupport: true },
    semanticTokens: {
      requests: { full: { delta: true }, range: true },
      tokenTypes: [...SEMANTIC_TOKEN_TYPES],
      tokenModifiers: [],
      formats: ['relative' as const],
    },
  },
};

/** A lookup with a FUNCTION, a cached token and a REST call: `$0` is where the requests point. */
const SNIPPET = `// Look up the caller's account with the cached token
FUNCTION Bearer(token)
{
  RETURN "Bearer {token}"
}
ASSIGN crmProxy = GetRESTProxy()
crmProxy.AddHeader("Authorization", Bearer(accessToken))
ASSIGN account = crmProxy.MakeRestRequest("https://api.example-crm.com/v2/accounts/{ANI}", "", 0, "GET")
IF crmProxy.StatusCode = 401
{
  ASSIGN accessToken = ""
}
`;

const GUIDE = `// The token is fetched once, at the start of the call
ASSIGN strToken = GetOAuthToken();
SNIPPET
var req = new CXone.HttpRequest();
req.headers["Authorization"] = "Bearer {strToken}";
SET strApiResult = req.send().body;
END SNIPPET
`;

/** One Snippet statement of the export below, split here only to keep the source lines short. */
const ORDER_REQUEST =
  'ASSIGN order = orderProxy.MakeRestRequest(' +
  '"https://api.example-oms.com/orders/{orderId}?a=1&amp;b=2", "", 0, "GET")';

const EXPORT = `<?xml version="1.0" encoding="utf-8"?>\r
<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\r
  <Actions>\r
    <ActionStruct>\r
      <ActionID>1</ActionID>\r
      <Action>BEGIN</Action>\r
      <Caption>Begin</Caption>\r
      <Parameters>\r
        <string />\r
      </Parameters>\r
      <DefaultNextAction>\r
        <Text />\r
        <ActionID>3</ActionID>\r
        <Index>0</Index>\r
        <Segments />\r
      </DefaultNextAction>\r
    </ActionStruct>\r
    <ActionStruct>\r
      <ActionID>3</ActionID>\r
      <Action>SNIPPET</Action>\r
      <Caption>Get OAuth token</Caption>\r
      <Parameters>\r
        <string>ASSIGN tokenProxy = GetRESTProxy()\r
ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, "grant_type=client_credentials&amp;scope=orders", 0, "POST")\r
IF tokenProxy.StatusCode &gt;= 200 &amp; tokenProxy.StatusCode &lt; 300\r
{\r
ASSIGN accessToken = tokenResult.access_token\r
}</string>\r
        <string>Limit2K</string>\r
      </Parameters>\r
      <DefaultNextAction>\r
        <Text />\r
        <ActionID>7</ActionID>\r
        <Index>0</Index>\r
        <Segments />\r
      </DefaultNextAction>\r
    </ActionStruct>\r
    <ActionStruct>\r
      <ActionID>7</ActionID>\r
      <Action>SNIPPET</Action>\r
      <Caption>Order status</Caption>\r
      <Parameters>\r
        <string>ASSIGN orderProxy = GetRESTProxy()\r
orderProxy.AddHeader("Authorization", "Bearer {accessToken}")\r
${ORDER_REQUEST}</string>\r
        <string>Limit2K</string>\r
      </Parameters>\r
    </ActionStruct>\r
  </Actions>\r
</ScriptContainer>\r
`;

function at(text: string, marker: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `no ${marker}`);
  return positionOf(text, offset + delta);
}

/** The text of each decoded semantic token, with its type. */
function decodeTokens(text: string, tokens: SemanticTokens): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    line += tokens.data[i]!;
    character = tokens.data[i] === 0 ? character + tokens.data[i + 1]! : tokens.data[i + 1]!;
    const length = tokens.data[i + 2]!;
    out.push(`${lines[line]!.slice(character, character + length)}:${SEMANTIC_TOKEN_TYPES[tokens.data[i + 3]!]}`);
  }
  return out;
}

function applyWorkspaceEdit(uri: string, text: string, edit: WorkspaceEdit): string {
  const changes = edit.documentChanges?.[0];
  assert.ok(changes && 'edits' in changes && changes.textDocument.uri === uri, 'one versioned document edit');
  return TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, text), changes.edits as TextEdit[]);
}

describe('protocol: authoring requests in each kind of document', () => {
  let client: TestClient;
  const uris = { snippet: fileUri('account.snippet'), guide: fileUri('ivr.studio'), export: fileUri('orders.xml') };
  const request = <T>(method: string, params: object): Promise<T> => client.connection.sendRequest(method, params);

  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: CAPABILITIES });
    await client.open(uris.snippet, 'cxone-snippet', SNIPPET);
    await client.open(uris.guide, 'cxone-studio', GUIDE);
    await client.open(uris.export, 'xml', EXPORT);
  });
  after(async () => client?.dispose());

  describe('textDocument/documentSymbol and workspace/symbol', () => {
    it('answers a tree: FUNCTIONs and variables; script lines and SNIPPET blocks; actions in flow order', async () => {
      const names = (symbols: DocumentSymbol[]): string[] =>
        symbols.map((s) => `${s.name}${s.children?.length ? `(${names(s.children).join(',')})` : ''}`);
      const snippet = await request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: uris.snippet },
      });
      assert.deepEqual(names(snippet), ['Bearer(token)', 'crmProxy', 'account', 'accessToken']);
      const guide = await request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: uris.guide },
      });
      assert.deepEqual(names(guide), ['strToken', 'SNIPPET(strApiResult,req)']);
      const xml = await request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: uris.export },
      });
      assert.deepEqual(names(xml), [
        'Begin',
        'Get OAuth token(tokenProxy,tokenResult,accessToken)',
        'Order status(orderProxy,order)',
      ]);
      assert.equal(textAt(EXPORT, xml[1]!.selectionRange), 'Get OAuth token');
    });

    it('answers a flat list with container names to clients without tree support', async () => {
      const flat = await TestClient.start({ capabilities: PUSH_CAPABILITIES });
      try {
        await flat.open(uris.export, 'xml', EXPORT);
        const symbols = (await flat.connection.sendRequest('textDocument/documentSymbol', {
          textDocument: { uri: uris.export },
        })) as SymbolInformation[];
        assert.ok(symbols.some((s) => s.name === 'tokenResult' && s.containerName === 'Get OAuth token'));
      } finally {
        await flat.dispose();
      }
    });

    it('finds symbols of every open document', async () => {
      const found = await request<SymbolInformation[]>('workspace/symbol', { query: 'proxy' });
      assert.deepEqual(found.map((s) => `${s.name} ${s.location.uri.split('/').pop()}`).sort(), [
        'crmProxy account.snippet',
        'orderProxy orders.xml',
        'tokenProxy orders.xml',
      ]);
    });
  });

  describe('textDocument/definition, references and documentHighlight', () => {
    it('.snippet: from a read to the assignment; every use; writes and reads', async () => {
      const position = at(SNIPPET, 'Bearer(accessToken)', 8);
      const definition = await request<Location[]>('textDocument/definition', {
        textDocument: { uri: uris.snippet },
        position,
      });
      assert.deepEqual(definition, [
        {
          uri: uris.snippet,
          range: rangeOf(SNIPPET, {
            start: SNIPPET.indexOf('accessToken = ""'),
            end: SNIPPET.indexOf('accessToken = ""') + 11,
          }),
        },
      ]);
      const references = await request<Location[]>('textDocument/references', {
        textDocument: { uri: uris.snippet },
        position,
        context: { includeDeclaration: false },
      });
      assert.equal(references.length, 1);
      const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', {
        textDocument: { uri: uris.snippet },
        position,
      });
      assert.deepEqual(
        highlights.map((h) => h.kind),
        [2, 3],
      );
    });

    it('.studio: from a {substitution} to the script-level ASSIGN', async () => {
      const definition = await request<Location[]>('textDocument/definition', {
        textDocument: { uri: uris.guide },
        position: at(GUIDE, '{strToken}', 3),
      });
      assert.equal(definition.length, 1);
      assert.deepEqual(definition[0]!.range.start, at(GUIDE, 'strToken ='));
    });

    it('export: from a variable in one action to its assignment in another, exact past entities and CRLF', async () => {
      const definition = await request<Location[]>('textDocument/definition', {
        textDocument: { uri: uris.export },
        position: at(EXPORT, '{accessToken}', 2),
      });
      assert.equal(definition.length, 1);
      assert.equal(textAt(EXPORT, definition[0]!.range), 'accessToken');
      assert.deepEqual(definition[0]!.range.start, at(EXPORT, 'accessToken = tokenResult'));
      const references = await request<Location[]>('textDocument/references', {
        textDocument: { uri: uris.export },
        position: at(EXPORT, 'tokenProxy.StatusCode &gt;', 1),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(
        references.map((r) => textAt(EXPORT, r.range)),
        Array(4).fill('tokenProxy'),
      );
    });
  });

  describe('textDocument/definition with cursor-marker fixtures ($0 is the cursor, carets the answer)', () => {
    const cases: { kind: string; languageId: string; name: string; source: string }[] = [
      {
        kind: '.snippet',
        languageId: 'cxone-snippet',
        name: 'marker.snippet',
        source: 'ASSIGN global:crmToken = tokenResult.access_token\n              ^^^^^^^^ def\nTRACE "{CRMTOKEN$0}"\n',
      },
      {
        kind: '.studio',
        languageId: 'cxone-studio',
        name: 'marker.studio',
        source:
          'SNIPPET\nSET strToken = resp.access_token;\n    ^^^^^^^^ def\nEND SNIPPET\nPLAY "Token {strTo$0ken}"\n',
      },
      {
        kind: 'export',
        languageId: 'xml',
        name: 'marker.xml',
        source: EXPORT.replace('Bearer {accessToken}', 'Bearer {access$0Token}').replace(
          'ASSIGN accessToken = tokenResult.access_token\r\n',
          'ASSIGN accessToken = tokenResult.access_token\r\n       ^^^^^^^^^^^ def\r\n',
        ),
      },
    ];
    for (const { kind, languageId, name, source } of cases) {
      it(`${kind}: answers exactly the annotated ranges`, async () => {
        const { text, cursor, expected } = readAnnotated(source);
        const uri = fileUri(name);
        await client.open(uri, languageId, text);
        const definition = await request<Location[]>('textDocument/definition', {
          textDocument: { uri },
          position: positionOf(text, cursor!),
        });
        assert.deepEqual(
          definition.map((l) => l.range),
          expected.map((e) => rangeOf(text, e.range)),
        );
        await client.close(uri);
      });
    }
  });

  describe('textDocument/prepareRename and rename', () => {
    it('.snippet: renames a FUNCTION and its call; refuses a keyword with a message', async () => {
      const prepared = await request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
        textDocument: { uri: uris.snippet },
        position: at(SNIPPET, 'Bearer(accessToken)', 1),
      });
      assert.equal(prepared.placeholder, 'Bearer');
      const edit = await request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri: uris.snippet },
        position: at(SNIPPET, 'Bearer(accessToken)', 1),
        newName: 'AuthHeader',
      });
      const changed = applyWorkspaceEdit(uris.snippet, SNIPPET, edit);
      assert.equal((changed.match(/AuthHeader/g) ?? []).length, 2);
      await assert.rejects(
        request('textDocument/prepareRename', {
          textDocument: { uri: uris.snippet },
          position: at(SNIPPET, 'ASSIGN', 1),
        }),
        /ASSIGN is a keyword/,
      );
    });

    it('.studio: renames a script variable in the ASSIGN line and in the body', async () => {
      const edit = await request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri: uris.guide },
        position: at(GUIDE, 'strToken', 2),
        newName: 'crmToken',
      });
      const changed = applyWorkspaceEdit(uris.guide, GUIDE, edit);
      assert.equal(changed, GUIDE.replace(/strToken/g, 'crmToken'));
    });

    it('export: renames across actions; the XML stays well-formed and every other byte is the same', async () => {
      const edit = await request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri: uris.export },
        position: at(EXPORT, '{accessToken}', 2),
        newName: 'omsToken',
      });
      const changed = applyWorkspaceEdit(uris.export, EXPORT, edit);
      assert.equal(changed, EXPORT.replace(/accessToken/g, 'omsToken'));
      assert.deepEqual(readExport(changed)?.errors, []);
      await assert.rejects(
        request('textDocument/rename', {
          textDocument: { uri: uris.export },
          position: at(EXPORT, '{accessToken}', 2),
          newName: 'tokenResult',
        }),
        /tokenResult is already a variable \(line 24, in SNIPPET action 3 "Get OAuth token"\)/,
      );
    });
  });

  describe('textDocument/completion', () => {
    const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

    it('.snippet: REST proxy members after a proxy variable, as snippets', async () => {
      const { items } = await request<CompletionList>('textDocument/completion', {
        textDocument: { uri: uris.snippet },
        position: at(SNIPPET, 'crmProxy.AddHeader', 9),
      });
      const make = items.find((i) => i.label === 'MakeRestRequest')!;
      assert.equal(make.insertTextFormat, 2);
      assert.ok(labels(items).includes('StatusCode'));
    });

    it('.snippet: once a prefix is typed, only matching names, and the list says it is incomplete', async () => {
      const list = await request<CompletionList>('textDocument/completion', {
        textDocument: { uri: uris.snippet },
        position: at(SNIPPET, 'crmProxy.MakeRestRequest', 4),
      });
      assert.equal(list.isIncomplete, true);
      assert.deepEqual(labels(list.items), ['crmProxy']);
    });

    it('.studio: script variables in a {substitution}', async () => {
      const { items } = await request<CompletionList>('textDocument/completion', {
        textDocument: { uri: uris.guide },
        position: at(GUIDE, '{strToken}', 4),
      });
      assert.deepEqual(labels(items).sort(), ['strApiResult', 'strToken']);
    });

    it('export: GetRESTProxy and a variable assigned in another action', async () => {
      const { items } = await request<CompletionList>('textDocument/completion', {
        textDocument: { uri: uris.export },
        position: at(EXPORT, '{accessToken}', 1),
      });
      assert.ok(labels(items).includes('accessToken'));
      assert.ok(labels(items).includes('GetRESTProxy'));
      assert.ok(!labels(items).includes('ASSIGN'), 'no keywords inside an interpolation');
    });
  });

  describe('textDocument/signatureHelp and hover', () => {
    it('.snippet and export: MakeRestRequest with the active parameter; nothing in .studio', async () => {
      const snippet = await request<SignatureHelp>('textDocument/signatureHelp', {
        textDocument: { uri: uris.snippet },
        position: at(SNIPPET, '0, "GET")', 1),
      });
      assert.equal(snippet.signatures[0]!.label, 'MakeRestRequest(url, payload, responseType, verb)');
      assert.equal(snippet.activeParameter, 2);
      const xml = await request<SignatureHelp>('textDocument/signatureHelp', {
        textDocument: { uri: uris.export },
        position: at(EXPORT, 'scope=orders", 0', 15),
      });
      assert.equal(xml.activeParameter, 2);
      const guide = await request<SignatureHelp | null>('textDocument/signatureHelp', {
        textDocument: { uri: uris.guide },
        position: at(GUIDE, 'req.send()', 9),
      });
      assert.equal(guide, null);
    });

    it('hovers a keyword of SNIPPET code inside an export with a link to NICE', async () => {
      const hover = await request<Hover>('textDocument/hover', {
        textDocument: { uri: uris.export },
        position: at(EXPORT, 'IF tokenProxy', 1),
      });
      assert.match(
        (hover.contents as { value: string }).value,
        /help\.nicecxone\.com\/content\/studio\/guide\/keywords\.htm/,
      );
      assert.equal(textAt(EXPORT, hover.range!), 'IF');
    });
  });

  describe('textDocument/semanticTokens', () => {
    it('.snippet: keywords, functions, strings, interpolations', async () => {
      const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', {
        textDocument: { uri: uris.snippet },
      });
      const decoded = decodeTokens(SNIPPET, tokens);
      for (const t of [
        'FUNCTION:keyword',
        'Bearer:function',
        'token:parameter',
        '{:interpolation',
        'GetRESTProxy:function',
      ]) {
        assert.ok(decoded.includes(t), t);
      }
    });

    it('.studio: the script variables only', async () => {
      const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', {
        textDocument: { uri: uris.guide },
      });
      assert.deepEqual(decodeTokens(GUIDE, tokens), [
        'strToken:variable',
        '{:interpolation',
        'strToken:variable',
        '}:interpolation',
        'strApiResult:variable',
      ]);
    });

    it('export: SNIPPET code coloured inside the XML, entities whole; a range request returns its part', async () => {
      const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', {
        textDocument: { uri: uris.export },
      });
      const decoded = decodeTokens(EXPORT, tokens);
      for (const t of [
        'ASSIGN:keyword',
        '&gt;=:operator',
        '&amp;:operator',
        '&lt;:operator',
        '"grant_type=client_credentials&amp;scope=orders":string',
      ]) {
        assert.ok(decoded.includes(t), `${t} in ${decoded.join(' ')}`);
      }
      const line = at(EXPORT, 'orderProxy.AddHeader').line;
      const ranged = await request<SemanticTokens>('textDocument/semanticTokens/range', {
        textDocument: { uri: uris.export },
        range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
      });
      assert.ok(ranged.data.length > 0 && ranged.data.length < tokens.data.length);
    });
  });

  describe('textDocument/semanticTokens/full/delta', () => {
    /** The client's side of the protocol: the edits applied, last first, to the data it holds. */
    const applied = (data: readonly number[], delta: SemanticTokensDelta): number[] => {
      const out = [...data];
      for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) {
        out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
      }
      return out;
    };

    it('after edits, answers the changes from the named result: applied, they give the full answer', async () => {
      const uri = fileUri('delta.snippet');
      await client.open(uri, 'cxone-snippet', SNIPPET);
      try {
        const first = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
        assert.ok(first.resultId, 'a full answer names its result');
        // A statement typed above everything (every later token moves a line down) and a name changed in the middle.
        const middle = at(SNIPPET, 'ASSIGN', 0).line;
        await client.change(uri, [
          { range: { start: { line: middle, character: 0 }, end: { line: middle, character: 0 } }, text: '  ' },
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'ASSIGN n = 1\n' },
        ]);
        const delta = await request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
          textDocument: { uri },
          previousResultId: first.resultId,
        });
        assert.ok(delta.edits, `an answer with edits, not ${JSON.stringify(delta).slice(0, 80)}`);
        assert.ok(delta.resultId && delta.resultId !== first.resultId);
        const now = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
        assert.deepEqual(applied(first.data, delta), now.data);
        assert.ok(
          delta.edits.reduce((n, edit) => n + (edit.data?.length ?? 0), 0) < now.data.length,
          'the edits carry less than the whole answer',
        );
        // Nothing changed since the last answer: no edits at all.
        const same = await request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
          textDocument: { uri },
          previousResultId: now.resultId,
        });
        assert.deepEqual(same.edits, []);
        // A result the server no longer holds (an older one, or one from before the document was closed): in full.
        const stale = await request<SemanticTokens>('textDocument/semanticTokens/full/delta', {
          textDocument: { uri },
          previousResultId: first.resultId,
        });
        assert.deepEqual(stale.data, now.data);
        await client.close(uri);
        await client.open(uri, 'cxone-snippet', SNIPPET);
        const reopened = await request<SemanticTokens>('textDocument/semanticTokens/full/delta', {
          textDocument: { uri },
          previousResultId: same.resultId,
        });
        assert.deepEqual(reopened.data, first.data);
      } finally {
        await client.close(uri);
      }
    });
  });

  describe('textDocument/formatting and rangeFormatting', () => {
    const options = { tabSize: 2, insertSpaces: true };

    it('.snippet: no edits for code that is already formatted', async () => {
      const edits = await request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: uris.snippet },
        options,
      });
      assert.deepEqual(edits, []);
    });

    it('.studio: not formatted (JavaScript-like illustrations)', async () => {
      const edits = await request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: uris.guide },
        options,
      });
      assert.deepEqual(edits, []);
    });

    it('export: indents the SNIPPET code; the XML stays well-formed, only whitespace changes', async () => {
      const edits = await request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: uris.export },
        options,
      });
      const formatted = TextDocument.applyEdits(TextDocument.create(uris.export, 'xml', 1, EXPORT), edits);
      assert.equal(formatted, EXPORT.replace('{\r\nASSIGN accessToken', '{\r\n  ASSIGN accessToken'));
      assert.deepEqual(readExport(formatted)?.errors, []);
      const line = at(EXPORT, 'ASSIGN accessToken').line;
      const ranged = await request<TextEdit[]>('textDocument/rangeFormatting', {
        textDocument: { uri: uris.export },
        range: { start: { line: 0, character: 0 }, end: { line: line - 2, character: 0 } },
        options,
      });
      assert.deepEqual(ranged, []);
    });
  });

  it('answers null or nothing for documents that are not open', async () => {
    const uri = fileUri('not-open.snippet');
    const position = { line: 0, character: 0 };
    assert.equal(await request('textDocument/definition', { textDocument: { uri }, position }), null);
    assert.equal(await request('textDocument/documentSymbol', { textDocument: { uri } }), null);
    assert.equal(await request('textDocument/completion', { textDocument: { uri }, position }), null);
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(tokens.data, []);
  });
});
