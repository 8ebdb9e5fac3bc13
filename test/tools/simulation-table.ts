/**
 * Prints the issue-12 simulation table (Markdown): each Pattern A fixture over a two-hour contact with one-hour tokens,
 * before and after fix-all, then the fixed script against a failing identity provider. The assertions live in
 * test/unit/behaviour/fixes-in-simulation.test.ts; this only shows the figures.
 * Run: npx tsx test/tools/simulation-table.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/common/settings';
import { fixAllText, type Scenario } from '../../server/src/service';
import { readAnnotated } from '../helpers/annotated';
import { LONG_CONTACT, type Outcome, simulateText } from '../helpers/fix-simulation';
import {
  IDP_500,
  IDP_TIMEOUT,
  NO_EXPIRES_IN,
  ONE_401,
  PLACEHOLDER_FAILS_CLOSED,
  viaBranch,
} from '../helpers/simulation-scenarios';

const ROOT = join(__dirname, '..', '..');
const CASES: [string, Scenario][] = [
  ['test/fixtures/runtime/pattern-a-token-once.snippet', LONG_CONTACT],
  ['examples/customer-lookup-pattern-a.snippet', LONG_CONTACT],
  ['test/fixtures/fixes/pattern-a-lookup.snippet', LONG_CONTACT],
  ['test/fixtures/fixes/six-calls-hardcoded-bearer.snippet', LONG_CONTACT],
  [
    'test/fixtures/rules/token-reuse-without-expiry/token-fetched-in-one-branch.snippet',
    { ...LONG_CONTACT, variables: { tokenUrl: 'https://login.example-shop.com/oauth/token' } },
  ],
  ['test/fixtures/rules/token-reuse-without-expiry/token-from-earlier-action.snippet', LONG_CONTACT],
  ['test/fixtures/rules/unchecked-auth-status/response-read-without-check.snippet', LONG_CONTACT],
  [
    'test/fixtures/rules/token-expiry-no-buffer/refresh-at-expiry.snippet',
    { ...LONG_CONTACT, variables: { tokenUrl: 'https://login.example-crm.com/oauth/token' } },
  ],
  ['test/fixtures/runtime/pattern-a-token-at-begin.xml', LONG_CONTACT],
  ['examples/ivr-token-at-begin-used-after-hold.xml', viaBranch(5, '1')],
  ['test/fixtures/fixes/pattern-a-across-actions.xml', viaBranch(5, '1')],
  ['test/fixtures/export/token-at-begin-used-after-menu.xml', viaBranch(5, '1')],
  ['test/fixtures/rules/token-reuse-without-expiry/token-at-begin-used-after-menu.xml', viaBranch(5, '2')],
  ['test/fixtures/rules/hardcoded-token/pasted-jwt-export.xml', LONG_CONTACT],
  ['test/fixtures/rules/token-expiry-no-buffer/unbuffered-check-export.xml', LONG_CONTACT],
];

function cell(o: Outcome): string {
  if (!o.ok) return `refused: ${o.problem}`;
  const f = o.figures;
  const stopped = f.runtimeErrors > 0 ? ` (stops: ${f.errors[0]!.replace(/\(.*$/, '').trim()})` : '';
  return `${f.expiredTokenRequests} / ${f.status401} / ${f.tokenRequests}${stopped}`;
}

function failureCell(o: Outcome): string {
  if (!o.ok) return 'refused';
  return `${o.figures.apiRequestsWithoutIssuedToken} / ${o.figures.tokenRequests}`;
}

function merge(base: Scenario, into: Scenario): Scenario {
  return {
    ...into,
    ...(base.actions ? { actions: base.actions } : {}),
    ...(base.variables ? { variables: base.variables } : {}),
  };
}

const rows = [
  // Long line: one Markdown table header.
  '| Fixture | Before: expired / 401 / token requests | After | IdP 500: calls without token / token req. | IdP timeout | `.invalid` fails closed | no `expires_in` (120 runs) | one 401 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const [file, scenario] of CASES) {
  const text = readAnnotated(readFileSync(join(ROOT, file), 'utf8')).text;
  const fixed = fixAllText(file, undefined, text, DEFAULT_SETTINGS).text;
  const snippet = file.endsWith('.snippet');
  const cells = [
    `\`${file}\``,
    cell(simulateText(file, text, scenario)),
    cell(simulateText(file, fixed, scenario)),
    failureCell(simulateText(file, fixed, merge(scenario, IDP_500))),
    failureCell(simulateText(file, fixed, merge(scenario, IDP_TIMEOUT))),
    failureCell(simulateText(file, fixed, merge(scenario, PLACEHOLDER_FAILS_CLOSED))),
    snippet ? cell(simulateText(file, fixed, merge(scenario, NO_EXPIRES_IN), 120)) : '–',
    snippet ? cell(simulateText(file, fixed, merge(scenario, ONE_401))) : '–',
  ];
  rows.push(`| ${cells.join(' | ')} |`);
}
process.stdout.write(`${rows.join('\n')}\n`);
