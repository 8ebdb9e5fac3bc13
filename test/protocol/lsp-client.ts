import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../client/src/server-node-options';
import { CATALOG, SYNTAX_ERROR_CODE } from '../../server/src/service';

/**
 * A minimal LSP client for protocol tests (the `@volar/test-utils` shape): spawns the BUNDLED server
 * with --stdio, records every raw stdout byte, answers `workspace/configuration` from an in-memory
 * settings map and waits for events with deadlines, never with fixed sleeps.
 */

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_BUNDLE = path.join(ROOT, 'server', 'out', 'server.js');

/** Fails with a clear message when the bundle is missing or older than any server source. */
export function assertBundleIsFresh(): void {
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run npm run build`);
  const bundleTime = fs.statSync(SERVER_BUNDLE).mtimeMs;
  const stale: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      // A diagnostic's tests sit beside its code, and are no part of the bundle.
      else if (isBundledSource(entry.name) && fs.statSync(full).mtimeMs > bundleTime)
        stale.push(path.relative(ROOT, full));
    }
  };
  visit(path.join(ROOT, 'server', 'src'));
  if (stale.length > 0)
    throw new Error(`server/out/server.js is older than ${stale.slice(0, 3).join(', ')}: run npm run build`);
}

/**
 * Rule levels that leave only syntax errors on: the wiring tests assert exact diagnostic lists, and
 * the rules (tested on their own) must not change them as they grow.
 */
export const SYNTAX_ONLY_RULES: Record<string, string> = Object.fromEntries(
  CATALOG.filter((rule) => rule.code !== SYNTAX_ERROR_CODE).map((rule) => [rule.code, 'off']),
);

export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true } },
};

/** A client like Neovim 0.7: publishDiagnostics only, settings sent with didChangeConfiguration. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: { configuration: false },
};

export interface StartOptions {
  readonly capabilities: ClientCapabilities;
  readonly initializationOptions?: unknown;
  /** `studioTokenLens` section contents answered to `workspace/configuration`, for every scope. */
  readonly settings?: Record<string, unknown>;
  /** Node.js options for the server process (e.g. `--require` a preload), after the ones it ships with. */
  readonly nodeArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Another server script to run instead of ours (the bench's anchors and baseline); ours when absent. */
  readonly server?: string;
}

type Listener<T> = (value: T) => void;

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly logMessages: LogMessageParams[] = [];
  /** `window/showMessage` notifications, in order. */
  readonly shownMessages: ShowMessageParams[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  refreshRequests = 0;
  /** What `workspace/configuration` answers with; tests change it, then notify. */
  settings: Record<string, unknown>;
  initializeResult: InitializeResult | undefined;

  private readonly rawStdout: Buffer[] = [];
  private stderrText = '';
  private readonly versions = new Map<string, number>();
  private readonly publishListeners = new Set<Listener<PublishDiagnosticsParams>>();
  private readonly refreshListeners = new Set<Listener<void>>();
  private readonly exited: Promise<number | null>;
  private configurationGate: Promise<void> = Promise.resolve();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    child.stdout.on('data', (chunk: Buffer) => this.rawStdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const listener of [...this.publishListeners]) listener(params);
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => this.logMessages.push(params));
    this.connection.onNotification(ShowMessageNotification.type, (params) => this.shownMessages.push(params));
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      await this.configurationGate;
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
      for (const listener of [...this.refreshListeners]) listener();
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  static async start(options: StartOptions): Promise<TestClient> {
    // Ours is started as the VS Code client starts it (what the tests and benchmarks see is what ships); another
    // server (the bench's anchors, our code at an earlier commit) as it was shipped, with no options of ours.
    const nodeArgs = [...(options.server ? [] : SERVER_NODE_OPTIONS), ...(options.nodeArgs ?? [])];
    const child = spawn(process.execPath, [...nodeArgs, options.server ?? SERVER_BUNDLE, '--stdio'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: options.env ?? process.env,
    });
    const client = new TestClient(child, options);
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
      workspaceFolders: null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get stdout(): Buffer {
    return Buffer.concat(this.rawStdout);
  }

  isAlive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends edits (incremental ranges or a full text) and returns the new version. */
  async change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  /** Sends a pull and cancels it on the same tick, as VS Code does when an edit arrives. */
  pullAndCancel(uri: string): Promise<DocumentDiagnosticReport> {
    const source = new CancellationTokenSource();
    const pending = this.connection.sendRequest(
      DocumentDiagnosticRequest.type,
      { textDocument: { uri } },
      source.token,
    );
    source.cancel();
    return pending;
  }

  async changeSettings(
    settings: Record<string, unknown>,
    payload: unknown = { studioTokenLens: settings },
  ): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: payload });
  }

  /**
   * Holds every `workspace/configuration` answer until the returned function is called: lets a test
   * change a document while the server is waiting for its settings.
   */
  holdConfiguration(): () => void {
    let release!: () => void;
    this.configurationGate = new Promise((resolve) => (release = resolve));
    return release;
  }

  /** The first `publishDiagnostics` for `uri` matching `accept` that arrives AFTER this call. */
  nextPublish(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      this.publishListeners,
      (params) => params.uri === uri && accept(params),
      timeoutMs,
      `publishDiagnostics for ${uri}`,
    );
  }

  /** The next `workspace/diagnostic/refresh` request that arrives after this call. */
  nextRefresh(timeoutMs = 5000): Promise<void> {
    return this.waitFor(this.refreshListeners, () => true, timeoutMs, 'workspace/diagnostic/refresh');
  }

  /** Resolves when the server process exits (with its exit code), or rejects after the deadline. */
  exit(timeoutMs = 5000): Promise<number | null> {
    return withDeadline(this.exited, timeoutMs, 'server exit');
  }

  async shutdown(): Promise<number | null> {
    if (!this.isAlive()) return this.exited;
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exit();
    this.connection.dispose();
    return code;
  }

  /** Ends the server however it is doing (for `after` hooks). */
  async dispose(): Promise<void> {
    try {
      if (this.isAlive()) await this.shutdown();
    } catch {
      this.child.kill();
    }
    this.connection.dispose();
  }

  private waitFor<T>(
    listeners: Set<Listener<T>>,
    accept: (value: T) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    let listener: Listener<T> | undefined;
    const event = new Promise<T>((resolve) => {
      listener = (value) => {
        if (accept(value)) resolve(value);
      };
      listeners.add(listener);
    });
    return withDeadline(event, timeoutMs, what).finally(() => listeners.delete(listener!));
  }
}

export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Checks that a byte stream is nothing but LSP frames (`Content-Length` headers and JSON-RPC 2.0
 * bodies) and returns how many there were; throws at the first byte that is anything else.
 */
export function countJsonRpcFrames(stream: Buffer): number {
  let offset = 0;
  let frames = 0;
  while (offset < stream.length) {
    const headerEnd = stream.indexOf('\r\n\r\n', offset, 'ascii');
    if (headerEnd < 0)
      throw new Error(
        `Trailing bytes after frame ${frames}: ${JSON.stringify(stream.subarray(offset, offset + 80).toString())}`,
      );
    const headers = stream.subarray(offset, headerEnd).toString('ascii').split('\r\n');
    let length = -1;
    for (const header of headers) {
      const match = /^Content-Length: (\d+)$/i.exec(header);
      if (match) length = Number(match[1]);
      else if (!/^Content-Type: /i.test(header))
        throw new Error(`Not an LSP header after frame ${frames}: ${JSON.stringify(header.slice(0, 80))}`);
    }
    if (length < 0) throw new Error(`Frame ${frames} has no Content-Length`);
    const body = stream.subarray(headerEnd + 4, headerEnd + 4 + length);
    if (body.length !== length) throw new Error(`Frame ${frames} is truncated`);
    const message = JSON.parse(body.toString('utf8')) as { jsonrpc?: unknown };
    if (message.jsonrpc !== '2.0') throw new Error(`Frame ${frames} is not JSON-RPC 2.0`);
    frames++;
    offset = headerEnd + 4 + length;
  }
  return frames;
}

export function fileUri(name: string): string {
  return `file:///workspace/scripts/${name}`;
}

export function fixture(relative: string): string {
  return fs.readFileSync(path.join(ROOT, 'test', 'fixtures', relative), 'utf8');
}

function isBundledSource(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts');
}

/** The server still answers a pull, and nothing it logged (window/logMessage, stderr) holds a JWT. */
export async function assertAliveWithNoTokenLogged(client: TestClient): Promise<void> {
  assert.ok(client.isAlive(), 'the server process exited');
  assert.deepEqual(await client.pull(fileUri('still-alive.snippet')), { kind: 'full', items: [] });
  const logged = client.logMessages.map((message) => message.message).join('\n') + client.stderr;
  assert.doesNotMatch(logged, /eyJ[\w-]{10,}\.[\w-]{2,}\./, 'a token reached the log');
}
