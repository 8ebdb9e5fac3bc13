import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import * as fc from 'fast-check';
import { worstCaseTokenAge } from '../../../server/src/analysis/export/token-age';
import type { TokenAge } from '../../../server/src/analysis/model/token-age';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../../../server/src/common/settings';
import { Analysis, type Finding, type Scenario } from '../../../server/src/service';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { readAnnotated } from '../../helpers/annotated';
import { type BuiltAction, buildExport } from '../../helpers/export-builder';
import { exportFixtureFiles } from '../../helpers/export-fixtures';

const FIXTURE_EXPORTS = exportFixtureFiles().map((file) => ({
  name: relative(process.cwd(), file),
  text: readAnnotated(readFileSync(file, 'utf8')).text,
}));

const TOKEN_CODE = [
  '// Acquire the CRM token once, when the call starts',
  'ASSIGN tokenProxy = GetRESTProxy()',
  'tokenProxy.ContentType = "application/x-www-form-urlencoded"',
  'ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://auth.example-crm.com/oauth/token", ' +
    '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
  'ASSIGN accessToken = tokenResult.access_token',
].join('\r\n');

const USE_CODE = [
  'ASSIGN proxy = GetRESTProxy()',
  'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
  'ASSIGN lookup = proxy.MakeRestRequest("https://api.example-crm.com/v2/customers?phone={ANI}", "", 0, "GET")',
].join('\r\n');

const BEGIN: BuiltAction = { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', '', ''], next: 2 };
const FETCH: BuiltAction = { id: 2, type: 'SNIPPET', caption: 'Get OAuth token', code: TOKEN_CODE, next: 3 };
const USE_ID = 99;
const USE: BuiltAction = { id: USE_ID, type: 'SNIPPET', caption: 'Lookup customer', code: USE_CODE, next: 100 };
const HANGUP: BuiltAction = { id: 100, type: 'HANGUP', caption: 'Hangup' };

const menu = (id: number, cases: { text: string; to: number }[], prompt = '"%For billing press 1."'): BuiltAction => ({
  id,
  type: 'MENU',
  caption: `Menu ${id}`,
  parameters: [prompt, '', 'True', '1', '', '5', '5', 'MRES'],
  cases,
});
const wait = (id: number, seconds: number | string, next: number): BuiltAction => ({
  id,
  type: 'WAIT',
  caption: `Wait ${id}`,
  parameters: [String(seconds)],
  next,
});

/** An export: BEGIN → token SNIPPET → `between` (the first of them is action 3) → the using SNIPPET → HANGUP. */
function script(between: readonly BuiltAction[]): string {
  return buildExport([BEGIN, FETCH, ...between, USE, HANGUP]);
}

function reuseFindings(text: string, settings: Settings = DEFAULT_SETTINGS): Finding[] {
  const analysis = Analysis.of({ name: 'flow.xml', text }, settings);
  assert.ok(analysis);
  return analysis.findings.filter((f) => f.code === 'token-reuse-without-expiry');
}

function ageOf(finding: Finding | undefined): TokenAge | undefined {
  return finding?.code === 'token-reuse-without-expiry' ? finding.facts.age : undefined;
}

describe('worst-case token age over an export flow', () => {
  it('adds the waits on the way: "up to 61 min old here", an error past the one-hour lifetime', () => {
    const [finding, ...rest] = reuseFindings(script([menu(3, [{ text: '1', to: 7 }]), wait(7, 3600, USE_ID)]));
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.match(
      finding.message,
      new RegExp(
        'It is up to 61 min old here: MENU ~20 s \\(default\\) in action 3, WAIT 3600 s in action 7, ' +
          'longer than the token lifetime \\(60 min\\)\\.',
      ),
    );
    assert.equal(finding.severity, 'error');
    assert.deepEqual(ageOf(finding), {
      kind: 'bounded',
      seconds: 3620,
      path: [2, 3, 7, USE_ID],
      steps: [
        { actionId: 3, type: 'MENU', caption: 'Menu 3', seconds: 20, basis: 'MENU ~20 s (default)' },
        { actionId: 7, type: 'WAIT', caption: 'Wait 7', seconds: 3600, basis: 'WAIT 3600 s' },
      ],
    });
  });

  it('leads the hover over the token at its use with its age', () => {
    const text = script([wait(3, 1800, USE_ID)]);
    const analysis = Analysis.of({ name: 'flow.xml', text }, DEFAULT_SETTINGS)!;
    const use = text.indexOf('{accessToken}') + 3;
    const hover = analysis.authoringHoverAt(use);
    assert.ok(hover);
    assert.match(hover.markdown, /^\*\*Token age here:\*\* It is up to 30 min old here: WAIT 1800 s in action 3\./);
    assert.match(hover.markdown, /accessToken/, "the variable's own hover follows");
    assert.doesNotMatch(
      analysis.authoringHoverAt(text.indexOf('tokenResult.access_token'))?.markdown ?? '',
      /Token age/,
    );
  });

  it('stays a warning within the lifetime, and the lifetime is a setting', () => {
    const text = script([wait(3, 1800, USE_ID)]);
    const [within] = reuseFindings(text);
    assert.equal(within?.severity, 'warning');
    assert.match(within!.message, /It is up to 30 min old here: WAIT 1800 s in action 3\./);
    const [beyond] = reuseFindings(text, sanitizeSettings({ tokenLifetimeSeconds: 1200 }));
    assert.equal(beyond?.severity, 'error');
    assert.match(beyond!.message, /longer than the token lifetime \(20 min\)/);
    // A level the user chose for the code wins over the raise.
    const [chosen] = reuseFindings(
      text,
      sanitizeSettings({ tokenLifetimeSeconds: 1200, rules: { 'token-reuse-without-expiry': 'information' } }),
    );
    assert.equal(chosen?.severity, 'information');
  });

  it('takes the longest branch', () => {
    const text = script([
      menu(3, [
        { text: '1', to: 4 },
        { text: '2', to: 5 },
      ]),
      wait(4, 60, USE_ID),
      wait(5, 900, 6),
      wait(6, 30, USE_ID),
    ]);
    const age = ageOf(reuseFindings(text)[0]);
    assert.deepEqual(age?.kind === 'bounded' && [age.seconds, age.path], [950, [2, 3, 5, 6, USE_ID]]);
  });

  it('reads a long text-to-speech prompt: PLAY and MENU take at least the time to speak it', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const text = script([
      { id: 3, type: 'PLAY', caption: 'Terms', parameters: [`"%${words}"`, '', 'True'], next: 4 },
      menu(4, [{ text: '1', to: USE_ID }], `"%${words}"`),
    ]);
    const age = ageOf(reuseFindings(text)[0]);
    assert.ok(age?.kind === 'bounded');
    // 100 words at 150 a minute: 40 s; the menu adds its 5 s input wait.
    assert.deepEqual(
      age.steps.map((s) => s.basis),
      ['PLAY ~40 s (prompt)', 'MENU ~45 s (prompt)'],
    );
    assert.equal(age.seconds, 85);
  });

  it('says so when nothing bounds the age: a queue, a hold, a WAIT of a variable, a loop', () => {
    const queue = reuseFindings(
      script([{ id: 3, type: 'REQAGENT', caption: 'Billing skill', parameters: ['4155873'], next: USE_ID }]),
    )[0];
    assert.match(
      queue!.message,
      new RegExp(
        'Its age here has no upper bound \\(REQAGENT \\(queue and agent time\\) in action 3 lies on the way\\), ' +
          'so it can outlive the token lifetime \\(60 min\\)\\.',
      ),
    );
    assert.equal(queue!.severity, 'error');
    const hold = ageOf(
      reuseFindings(script([{ id: 3, type: 'ONHOLD', caption: 'Hold', parameters: [], next: USE_ID }]))[0],
    );
    assert.equal(hold?.kind === 'unbounded' && hold.basis, 'ONHOLD (a hold)');
    const variable = ageOf(reuseFindings(script([wait(3, '{waitSeconds}', USE_ID)]))[0]);
    assert.equal(variable?.kind, 'unbounded');
    // A MENU whose invalid-digit branch goes back to itself.
    const loop = ageOf(
      reuseFindings(
        script([
          menu(3, [
            { text: '1', to: USE_ID },
            { text: '9', to: 3 },
          ]),
        ]),
      )[0],
    );
    assert.deepEqual(loop?.kind === 'unbounded' && [loop.because, loop.action.id], ['loop', 3]);
  });

  it('does not count a loop back through the acquiring action (it fetches again)', () => {
    const text = buildExport([
      BEGIN,
      { ...FETCH, next: 3 },
      wait(3, 120, USE_ID),
      { ...USE, next: 4 },
      menu(4, [
        { text: '1', to: 2 },
        { text: '2', to: 100 },
      ]),
      HANGUP,
    ]);
    const age = ageOf(reuseFindings(text)[0]);
    assert.deepEqual(age?.kind === 'bounded' && [age.seconds, age.path], [120, [2, 3, USE_ID]]);
  });

  it('has no age where the use cannot follow the acquisition', () => {
    const graph = readExport(script([wait(3, 10, USE_ID)]))!.graph;
    assert.equal(worstCaseTokenAge(graph, USE_ID, 2), undefined);
    assert.equal(worstCaseTokenAge(graph, 2, 12345), undefined);
    assert.equal(worstCaseTokenAge(graph, 2, USE_ID)?.kind, 'bounded');
  });
});

/** Types an acyclic generated flow uses between the two SNIPPETs, each with a bounded default duration. */
type Between =
  | { readonly kind: 'WAIT'; readonly seconds: number }
  | { readonly kind: 'MENU' | 'PLAY'; readonly words: number }
  | { readonly kind: 'CAPTURE' | 'MUSIC' | 'SNIPPET' | 'ASSIGN' };

const between: fc.Arbitrary<Between> = fc.oneof(
  fc.record({ kind: fc.constant('WAIT' as const), seconds: fc.integer({ min: 0, max: 4000 }) }),
  fc.record({ kind: fc.constantFrom('MENU' as const, 'PLAY' as const), words: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ kind: fc.constantFrom('CAPTURE' as const, 'MUSIC' as const, 'SNIPPET' as const) }),
);

/**
 * A random acyclic flow: node i (action 3 + i) always links on to the next one (its default), and may have cases
 * to later ones; the last links to the using SNIPPET.
 */
const acyclicFlow = fc
  .array(fc.tuple(between, fc.array(fc.nat({ max: 8 }), { maxLength: 2 })), { minLength: 1, maxLength: 8 })
  .map((nodes) =>
    nodes.map(([node, jumps], i): BuiltAction => {
      const id = 3 + i;
      const next = i === nodes.length - 1 ? USE_ID : id + 1;
      const targets = jumps.map((j) => (i + 1 + j < nodes.length ? 3 + i + 1 + j : USE_ID));
      const cases = [...new Set(targets)].map((to, k) => ({ text: String(k + 1), to }));
      const words = 'words' in node ? Array.from({ length: node.words }, () => 'please').join(' ') : '';
      const parameters =
        node.kind === 'WAIT'
          ? [String(node.seconds)]
          : node.kind === 'MENU' || node.kind === 'PLAY'
            ? [words === '' ? '"greeting.wav"' : `"%${words}"`, '', 'True']
            : [];
      const base = { id, type: node.kind, caption: `${node.kind} ${id}`, next, cases };
      return node.kind === 'SNIPPET' ? { ...base, code: 'ASSIGN step = step + 1' } : { ...base, parameters };
    }),
  );

/** A scenario that walks `path` (action ids): at each action the branch whose edge leads to the next one. */
function walking(text: string, path: readonly number[]): Scenario {
  const graph = readExport(text)!.graph;
  const actions: Record<string, { branch: string }> = {};
  for (let i = 0; i + 1 < path.length; i++) {
    const edge = graph.outgoing(path[i]!).find((e) => e.to === path[i + 1]);
    assert.ok(edge);
    actions[String(path[i])] = { branch: edge.kind === 'default' ? 'Default' : edge.label };
  }
  return { latencySeconds: 0, durationSeconds: 10 * 86_400, actions };
}

/** The age on the identity provider's clock of the token the using SNIPPET sent. */
function simulatedAgeAtUse(text: string, scenario: Scenario): number {
  const outcome = Analysis.of({ name: 'flow.xml', text }, DEFAULT_SETTINGS)!.simulate({ scenario });
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.problem}: ${outcome.details.join('; ')}`);
  const use = outcome.result.requests.find((r) => r.kind === 'api' && r.action.includes('Lookup customer'));
  assert.ok(use?.token, 'the using SNIPPET sent the token');
  return use.token.ageSeconds;
}

describe('worst-case token age agrees with the simulator (acyclic exports, default durations)', () => {
  it('property: walking the worst path ages the token by exactly the bound; no other walk ages it more', () => {
    fc.assert(
      fc.property(acyclicFlow, fc.array(fc.nat({ max: 3 }), { maxLength: 12 }), (nodes, choices) => {
        const text = script(nodes);
        const age = ageOf(reuseFindings(text)[0]);
        assert.ok(age?.kind === 'bounded', 'an acyclic flow of bounded actions has a bounded age');
        assert.equal(simulatedAgeAtUse(text, walking(text, age.path)), age.seconds);
        // Any other walk: each action takes the branch the choices pick.
        const graph = readExport(text)!.graph;
        const path = [2];
        for (let at = 2, k = 0; at !== USE_ID; k++) {
          const options = graph.successors(at);
          at = options[(choices[k] ?? 0) % options.length]!;
          path.push(at);
        }
        assert.ok(simulatedAgeAtUse(text, walking(text, path)) <= age.seconds);
      }),
      { numRuns: 60 },
    );
  });

  it('an unbounded age still covers what the simulator sees: it runs a hold or a queue for a finite time', () => {
    for (const type of ['ONHOLD', 'REQAGENT']) {
      const text = script([{ id: 3, type, caption: type, parameters: [], next: USE_ID }]);
      assert.equal(ageOf(reuseFindings(text)[0])?.kind, 'unbounded');
      const simulated = simulatedAgeAtUse(text, { latencySeconds: 0, durationSeconds: 7200 });
      assert.ok(simulated > 0 && Number.isFinite(simulated), `${type}: ${simulated}`);
    }
  });

  it('every fixture export with a bounded age: the worst path, walked, ages the token by exactly the bound', () => {
    let compared = 0;
    for (const { name, text } of FIXTURE_EXPORTS) {
      const analysis = Analysis.of({ name, text }, DEFAULT_SETTINGS);
      if (!analysis) continue;
      for (const finding of analysis.findings) {
        const age = ageOf(finding);
        if (age?.kind !== 'bounded') continue;
        const outcome = analysis.simulate({ scenario: walking(text, age.path) });
        if (!outcome.ok) continue; // a fixture the simulator cannot run (an ASSIGN action, syntax errors)
        const useId = age.path[age.path.length - 1]!;
        const sent = outcome.result.requests.filter((r) => r.token && r.action.startsWith(`SNIPPET ${useId}`));
        if (sent.length === 0) continue; // the walk ended before (an error branch the scenario does not steer)
        assert.ok(
          sent.some((r) => r.token!.ageSeconds === age.seconds),
          `${name}: simulated ${sent.map((r) => r.token!.ageSeconds)}, bound ${age.seconds}`,
        );
        compared++;
      }
    }
    assert.ok(compared >= 1, 'no fixture export had a bounded age to compare');
  });
});
