import { defaultApiCallNames } from './api-call';
import { authStatusHandler, defaultAuthStatusHandlerNames } from './auth-status-handler';
import type { Notation } from './layout';
import { defaultStrategyANames, strategyA } from './strategy-a';
import { defaultStrategyBNames, strategyB } from './strategy-b';
import { defaultTokenProxyCallNames, tokenProxyCall } from './token-proxy-call';
import { defaultTwoStepTokenNames, twoStepToken } from './two-step-token';
import { PLACEHOLDER_TOKEN_URL } from './assumptions';

/**
 * The VS Code snippet files, generated from the same templates as the quick fixes: each template is rendered
 * with marker strings as names, the code around the markers is escaped for VS Code's snippet syntax, and each
 * marker becomes `${n:default}`, numbered in order of first appearance (repeats share the number, so VS Code
 * edits them together). test/unit/snippets/snippets-in-sync.test.ts keeps the committed files equal to this.
 */

/** Repository-relative path of each file, keyed by language id. */
export const SNIPPET_FILES: Readonly<Record<Notation, string>> = {
  snippet: 'snippets/cxone-snippet.json',
  guide: 'snippets/cxone-studio.json',
};

export const REGENERATE_COMMAND = 'npx tsx test/tools/write-snippets.ts';

export interface VsCodeSnippet {
  readonly prefix: string[];
  readonly description: string;
  readonly body: string[];
}

const OPEN = '\u0001';
const CLOSE = '\u0002';
const FINAL_KEY = '$0';
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001/U+0002 delimit placeholders (never in templates)
const MARKER = /\u0001([^\u0002]*)\u0002/g;
/**
 * Example endpoints written into snippets (the user tabs to them and types the real ones): a reserved `.invalid` host
 * fails closed if left as it is, and `unfilled-placeholder` reports it.
 */
const EXAMPLE_TOKEN_URL = `"${PLACEHOLDER_TOKEN_URL}"`;
const EXAMPLE_SCOPE = 'api.read';

/** Collects the placeholders of one snippet. */
class Placeholders {
  private readonly defaults = new Map<string, string>();

  /** A tab stop with a default; the same key always gives the same tab stop. */
  stop(key: string, defaultText: string): string {
    // Generator bugs, caught by the sync test: a marker inside a key or a default would not survive numbering.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: delimiters must not occur in a placeholder
    if (/[\u0001\u0002]/.test(key + defaultText) || key === FINAL_KEY) throw new Error(`bad placeholder ${key}`);
    if (!this.defaults.has(key)) this.defaults.set(key, defaultText);
    return `${OPEN}${key}${CLOSE}`;
  }

  /** A tab stop inside double quotes, for a default that is quoted code (`"https://…"`) or plain text. */
  quoted(key: string, code: string): string {
    const inner = code.length >= 2 && code.startsWith('"') && code.endsWith('"') ? code.slice(1, -1) : code;
    return `"${this.stop(key, inner)}"`;
  }

  /** Where the cursor ends (`$0`). */
  final(): string {
    return `${OPEN}${FINAL_KEY}${CLOSE}`;
  }

  /** Tab stops for some fields of a names object, with the object's values as defaults. */
  names<T extends object, K extends keyof T & string>(defaults: T, keys: readonly K[]): Pick<T, K> {
    const picked = {} as Pick<T, K>;
    for (const key of keys) {
      const value = defaults[key];
      if (typeof value !== 'string') throw new Error(`${key} is not a string name`);
      (picked as Record<string, unknown>)[key] = this.stop(key, value);
    }
    return picked;
  }

  /** Turns rendered text with markers into a VS Code snippet body (lines, without the final line ending). */
  toBody(rendered: string): string[] {
    const numbers = new Map<string, number>();
    for (const match of rendered.matchAll(MARKER)) {
      const key = match[1]!;
      if (key !== FINAL_KEY && !numbers.has(key)) numbers.set(key, numbers.size + 1);
    }
    let out = '';
    let at = 0;
    for (const match of rendered.matchAll(MARKER)) {
      out += escapeText(rendered.slice(at, match.index));
      const key = match[1]!;
      out += key === FINAL_KEY ? '$0' : `\${${numbers.get(key)}:${escapeDefault(this.defaults.get(key) ?? '')}}`;
      at = match.index + match[0].length;
    }
    out += escapeText(rendered.slice(at));
    return out.replace(/\r?\n$/, '').split(/\r?\n/);
  }
}

/** Outside placeholders only `$` and `\` are special to VS Code (a bare `}` is literal). */
function escapeText(text: string): string {
  return text.replace(/[\\$]/g, (c) => `\\${c}`);
}

/** Inside a placeholder's default, `}` closes the placeholder, so it is escaped too. */
function escapeDefault(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

const LAYOUT = { eol: '\n', indentUnit: '\t', indent: '' } as const;
const JITTER = { enabled: true, minSeconds: 120, maxSeconds: 480 };

type SnippetDefinition = {
  readonly name: string;
  readonly prefix: string[];
  readonly description: string;
  readonly render: (p: Placeholders) => string;
};

function definitions(notation: Notation): SnippetDefinition[] {
  const guide = notation === 'guide';
  const frame = { snippetBlock: true, errorDecision: true };

  const strategyBWith =
    (jitter: boolean) =>
    (p: Placeholders): string => {
      const defaults = defaultStrategyBNames(notation);
      const names = {
        ...p.names(defaults, ['cachedToken', 'tokenExpiry', 'clientIdName', 'clientSecretName', 'error']),
        tokenUrl: p.quoted('tokenUrl', EXAMPLE_TOKEN_URL),
      };
      const trailing = guide ? [`// Now use ${defaults.validToken} for the actual API call`, p.final()] : [p.final()];
      return strategyB(notation, {
        ...LAYOUT,
        ...frame,
        names,
        trailingLines: trailing,
        ...(jitter ? { jitter: JITTER } : {}),
      });
    };

  return [
    {
      name: 'Strategy B: cached token with proactive refresh',
      prefix: ['token-cache', 'strategy-b'],
      description:
        'Cached token with its expiry from expires_in, fetched again when the time left is within the refresh ' +
        'buffer (one setting, 300 s); the token request is checked.',
      render: strategyBWith(false),
    },
    {
      name: 'Strategy B: cached token with a jittered refresh buffer',
      prefix: ['token-cache-jitter', 'strategy-b-jitter'],
      description: guide
        ? 'Strategy B with a random 120–480 s buffer per script instance, so contacts do not all refresh at once.'
        : 'Strategy B with a 120–480 s buffer chosen per contact (from ContactID), so contacts do not all refresh at ' +
          'once.',
      render: strategyBWith(true),
    },
    {
      name: 'Strategy A: fresh token before a call',
      prefix: ['token-fresh', 'strategy-a'],
      description: 'Fetch a token right before an API call, check both responses and handle 401/403.',
      render: (p) => {
        const names = {
          ...p.names(defaultStrategyANames(notation), ['accessToken', 'clientIdName', 'clientSecretName', 'error']),
          tokenUrl: p.quoted('tokenUrl', EXAMPLE_TOKEN_URL),
          scope: p.stop('scope', EXAMPLE_SCOPE),
        };
        const call = defaultApiCallNames(notation);
        const apiCall = { url: p.quoted('apiUrl', call.url), method: p.stop('method', call.method) };
        const success = [
          p.stop(
            'success',
            guide
              ? `// success: read JSON.parse(${call.response}.body) here`
              : `// success: read ${call.response} here`,
          ),
        ];
        return strategyA(notation, { ...LAYOUT, ...frame, names, apiCall, successLines: success });
      },
    },
    {
      name: '401/403 handler after an API call',
      prefix: ['auth-status', 'handle-401'],
      description:
        'After an API call: on 401/403 clear the cached token and expiry and set the error variable; branch on ' +
        'success and other errors.',
      render: (p) => {
        const defaults = defaultAuthStatusHandlerNames(notation);
        const names = {
          ...p.names(defaults, guide ? ['response', 'error'] : ['request', 'status', 'error']),
          tokenVariables: [p.stop('cachedToken', defaults.tokenVariables[0]!)],
          expiryVariables: [p.stop('tokenExpiry', defaults.expiryVariables[0]!)],
        };
        const success = [
          p.stop(
            'success',
            guide
              ? `// success: read JSON.parse(${defaults.response}.body) here`
              : `// success: read ${defaults.response} here`,
          ),
        ];
        return authStatusHandler(notation, { ...LAYOUT, ...frame, names, successLines: success });
      },
    },
    {
      name: 'Two-step token: client token exchanged for a resource token',
      prefix: ['token-two-step', 'token-exchange'],
      description:
        'A client-credentials token and the resource token exchanged for it, each cached with its own expiry and ' +
        'check.',
      render: (p) => {
        const defaults = defaultTwoStepTokenNames(notation);
        const picked = p.names(defaults, [
          'clientToken',
          'clientTokenExpiry',
          'resourceToken',
          'resourceTokenExpiry',
          'clientIdName',
          'clientSecretName',
          'error',
        ]);
        const names = {
          ...picked,
          // The guide's notation has one error variable for both tokens; Snippet one per token.
          resourceError: guide ? picked.error : p.stop('resourceError', defaults.resourceError),
          tokenUrl: p.quoted('tokenUrl', EXAMPLE_TOKEN_URL),
          exchangeUrl: p.quoted('exchangeUrl', EXAMPLE_TOKEN_URL),
          resourceScope: p.stop('resourceScope', EXAMPLE_SCOPE),
        };
        const trailing = guide
          ? [`// Now use ${defaults.resourceValidToken} for the actual API call`, p.final()]
          : [p.final()];
        return twoStepToken(notation, { ...LAYOUT, ...frame, names, trailingLines: trailing });
      },
    },
    {
      name: 'Strategy C: call through a token proxy',
      prefix: ['token-proxy', 'strategy-c'],
      description:
        'Call a token proxy with a service key from a secure variable; the proxy handles OAuth. 401/403 are handled.',
      render: (p) => {
        const defaults = defaultTokenProxyCallNames(notation);
        const names = {
          ...p.names(defaults, ['keyHeader', 'keyName', 'error']),
          url: p.quoted('url', defaults.url),
        };
        const success = [
          p.stop(
            'success',
            guide
              ? `// success: read JSON.parse(${defaults.response}.body) here`
              : `// success: read ${defaults.response} here`,
          ),
        ];
        return tokenProxyCall(notation, { ...LAYOUT, ...frame, names, successLines: success });
      },
    },
  ];
}

/** The snippets of one notation, keyed by their display names. */
export function vsCodeSnippets(notation: Notation): Record<string, VsCodeSnippet> {
  const result: Record<string, VsCodeSnippet> = {};
  for (const definition of definitions(notation)) {
    const placeholders = new Placeholders();
    const body = placeholders.toBody(definition.render(placeholders));
    result[definition.name] = { prefix: definition.prefix, description: definition.description, body };
  }
  return result;
}

/** Both snippet files' contents, keyed by repository-relative path. */
export function renderSnippetFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const notation of ['snippet', 'guide'] as const) {
    files[SNIPPET_FILES[notation]] = `${JSON.stringify(vsCodeSnippets(notation), null, 2)}\n`;
  }
  return files;
}
