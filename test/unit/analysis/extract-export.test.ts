import * as assert from 'node:assert/strict';
import {
  isLongRunningActionType,
  longRunningReason,
} from '../../../server/src/analysis/vocabulary/long-running-actions';
import type { FlowModel } from '../../../server/src/analysis/model/flow-model';
import { conditionWithText, eventsOf, exportModel, fixture, only, slice, summary } from './extract-snippet-helpers';

function labels(model: FlowModel, from: number, to: number): string[] {
  return model.flow.longRunningBetween(from, to).map((e) => e.label);
}

describe('extractExportModel', () => {
  describe('test/fixtures/export/token-at-begin-used-after-menu.xml', () => {
    const { text, model } = exportModel(fixture('test', 'fixtures', 'export', 'token-at-begin-used-after-menu.xml'));
    const [getToken, lookup] = model.units;

    it('has one unit per SNIPPET action, labelled with its id and caption, covering the code in the file', () => {
      assert.equal(model.units.length, 2);
      assert.equal(getToken!.label, 'SNIPPET action 3 "Get OAuth token"');
      assert.equal(lookup!.label, 'SNIPPET action 15 "Lookup customer"');
      assert.ok(slice(text, getToken!.range).startsWith('// Acquire the CRM token once'));
      assert.match(slice(text, lookup!.range), /ASSIGN accountTier = lookupResult\.tier\r?\n\}$/);
      assert.notEqual(getToken!.id, lookup!.id);
    });

    it('maps every range back to the file, across entities', () => {
      const use = only(eventsOf(lookup!, 'token-use'));
      assert.equal(slice(text, use.range), 'accessToken');
      const check = only(lookup!.conditions);
      assert.equal(slice(text, check.range), 'proxy.StatusCode &gt;= 200 &amp; proxy.StatusCode &lt; 300');
      const call = only(eventsOf(lookup!, 'rest-call'));
      assert.deepEqual(check.statusCheck, { callId: call.id, equals: [], notEquals: [], rangeComparison: true });
      assert.equal(
        call.body,
        '{"phone": "{ANI}"}',
        'the body as the script sees it: entities and $"…" escapes decoded',
      );
      const acquire = only(eventsOf(getToken!, 'token-acquire'));
      assert.equal(slice(text, acquire.range), 'ASSIGN accessToken = tokenResult.access_token');
      const tokenCall = only(eventsOf(getToken!, 'rest-call'));
      assert.equal(tokenCall.isTokenRequest, true);
      assert.equal(
        tokenCall.body,
        'grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}',
      );
      for (const unit of model.units) {
        for (const e of unit.events) {
          assert.ok(e.range.start >= unit.range.start && e.range.end <= unit.range.end, `${e.kind} inside its unit`);
        }
      }
    });

    it('follows the action graph: predecessors and the long-running actions in between', () => {
      assert.deepEqual(model.flow.predecessors(getToken!.id), []);
      assert.deepEqual(model.flow.predecessors(lookup!.id), [getToken!.id]);
      assert.deepEqual(labels(model, getToken!.id, lookup!.id), [
        'MENU "Main menu"',
        'WAIT "Hold music"',
        'PLAY "Sorry, try again"',
        'REQAGENT "Billing skill"',
      ]);
      for (const event of model.flow.longRunningBetween(getToken!.id, lookup!.id)) {
        assert.equal(event.kind, 'long-running');
        assert.equal(
          `${slice(text, event.range)}`,
          event.label.replace(/^\w+ "(.*)"$/, '$1'),
          'the range is the caption',
        );
        assert.deepEqual(event.guards, []);
      }
      assert.deepEqual(labels(model, lookup!.id, getToken!.id), []);
      assert.deepEqual(labels(model, getToken!.id, getToken!.id), []);
    });
  });

  describe('test/fixtures/analysis/export/token-fetched-once-menu-loop.xml (CRLF, entities, a MENU loop)', () => {
    const { text, model } = exportModel(
      fixture('test', 'fixtures', 'analysis', 'export', 'token-fetched-once-menu-loop.xml'),
    );
    const [getToken, lookup, outcome] = model.units;

    it('reads the three SNIPPET actions', () => {
      assert.deepEqual(
        model.units.map((u) => u.label),
        [
          'SNIPPET action 2 "Get CRM token"',
          'SNIPPET action 5 "Lookup account"',
          'SNIPPET action 8 "Log call outcome"',
        ],
      );
      assert.deepEqual(summary(getToken!), ['rest-call tokenproxy', 'token-acquire accesstoken']);
      assert.deepEqual(summary(lookup!), ['token-use accesstoken', 'rest-call lookupproxy', 'error-path']);
    });

    it('a token use after &quot;Bearer and other entities slices to the name in the file', () => {
      const use = only(eventsOf(lookup!, 'token-use'));
      assert.equal(slice(text, use.range), 'accessToken');
      assert.equal(text.slice(use.range.start - 14, use.range.start), '&quot;Bearer {');
      const call = only(eventsOf(lookup!, 'rest-call'));
      assert.equal(use.callId, call.id);
      assert.equal(call.url, 'https://api.example-crm.com/v2/accounts?number={accountNumber}&fields=name');
      assert.equal(slice(text, call.range), 'lookupProxy.MakeRestRequest(lookupUrl, "", 0, "GET")');
      assert.equal(
        slice(text, call.statementRange),
        'ASSIGN account = lookupProxy.MakeRestRequest(lookupUrl, "", 0, "GET")',
      );
      const check = conditionWithText(lookup!, text, 'lookupProxy.StatusCode &gt;= 400');
      assert.equal(check.statusCheck?.rangeComparison, true);
      assert.equal(
        slice(text, only(eventsOf(lookup!, 'error-path')).range),
        'ASSIGN apiError = "LOOKUP_{lookupProxy.StatusCode}"',
      );
    });

    it('a unit on a loop is its own predecessor', () => {
      assert.deepEqual(model.flow.predecessors(getToken!.id), []);
      assert.deepEqual(model.flow.predecessors(lookup!.id), [getToken!.id, lookup!.id]);
      assert.deepEqual(model.flow.predecessors(outcome!.id), [getToken!.id, lookup!.id]);
    });

    it('lists MENU, CAPTURE, WAIT and REQAGENT on the paths between units, in file order', () => {
      assert.deepEqual(labels(model, getToken!.id, lookup!.id), [
        'MENU "Main menu"',
        'CAPTURE "Account number"',
        'WAIT "Pause before menu"',
      ]);
      assert.deepEqual(labels(model, lookup!.id, lookup!.id), [
        'MENU "Main menu"',
        'CAPTURE "Account number"',
        'WAIT "Pause before menu"',
      ]);
      assert.deepEqual(labels(model, getToken!.id, outcome!.id), [
        'MENU "Main menu"',
        'CAPTURE "Account number"',
        'WAIT "Pause before menu"',
        'REQAGENT "Billing queue"',
      ]);
      assert.deepEqual(labels(model, outcome!.id, getToken!.id), []);
      const menu = model.flow.longRunningBetween(getToken!.id, lookup!.id)[0]!;
      assert.equal(slice(text, menu.range), 'Main menu');
      // Answers are stable (cached) and do not depend on the order of questions.
      assert.equal(model.flow.longRunningBetween(getToken!.id, lookup!.id)[0], menu);
    });

    it('ids are unique across the model', () => {
      const calls = model.units.flatMap((u) => eventsOf(u, 'rest-call').map((c) => c.id));
      assert.equal(new Set(calls).size, calls.length);
      const conditions = model.units.flatMap((u) => u.conditions.map((c) => c.id));
      assert.equal(new Set(conditions).size, conditions.length);
    });
  });

  describe('test/fixtures/export/strategy-b-export.xml', () => {
    const { text, model } = exportModel(fixture('test', 'fixtures', 'export', 'strategy-b-export.xml'));
    const [init, ensure, data] = model.units;

    it('maps the expiry check through &gt;', () => {
      const refresh = ensure!.conditions.find((c) => c.expiryCheck)!;
      assert.equal(slice(text, refresh.expiryCheck?.comparisonRange), 'utc &gt;= tokenExpiry - (300 / 86400)');
      assert.deepEqual(refresh.expiryCheck?.buffer, { kind: 'constant', seconds: 300 });
      assert.equal(slice(text, only(eventsOf(ensure!, 'token-presence-check')).range), 'cachedToken = ""');
    });

    it('knows a URL that only an earlier action assigns', () => {
      const call = only(eventsOf(ensure!, 'rest-call'));
      assert.equal(call.url, 'https://login.example-idp.com/oauth2/v1/token');
      assert.equal(slice(text, only(eventsOf(init!, 'expiry-set')).range), 'ASSIGN tokenExpiry = ""');
    });

    it('the menu loop brings the refresh and the API call back round', () => {
      assert.deepEqual(model.flow.predecessors(ensure!.id), [init!.id, ensure!.id, data!.id]);
      assert.deepEqual(labels(model, ensure!.id, data!.id), ['MENU "Account menu"', 'PLAY "Read result"']);
      const statusCheck = data!.conditions.find((c) => c.statusCheck)!;
      assert.deepEqual(statusCheck.statusCheck?.equals, [401, 403]);
    });
  });

  it('test/fixtures/export/cdata-snippet.xml: a range that ends at a CDATA section ends before ]]>', () => {
    const { text, model } = exportModel(fixture('test', 'fixtures', 'export', 'cdata-snippet.xml'));
    const [order, mixed] = model.units;
    assert.equal(slice(text, only(eventsOf(order!, 'token-use')).range), 'accessToken');
    assert.equal(slice(text, only(mixed!.conditions).range), 'orderStatus = "shipped" & retries < 3');
    assert.deepEqual(model.flow.predecessors(mixed!.id), [order!.id]);
  });

  it('a malformed export still gives the actions read before the error', () => {
    const { model } = exportModel(fixture('test', 'fixtures', 'export', 'malformed-export.xml'));
    for (const unit of model.units) {
      assert.ok(Array.isArray(unit.events));
      model.flow.predecessors(unit.id);
    }
    assert.deepEqual(model.flow.predecessors(999), []);
    assert.deepEqual(model.flow.longRunningBetween(999, 1000), []);
  });

  it('an export without SNIPPET actions has no units', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<ScriptContainer><Actions><ActionStruct><ActionID>1</ActionID><Action>BEGIN</Action><Caption>Begin</Caption></ActionStruct></Actions></ScriptContainer>';
    assert.deepEqual(exportModel(xml).model.units, []);
  });
});

describe('long-running action types', () => {
  it('matches Studio action names case-insensitively', () => {
    for (const type of ['MENU', 'menu', ' Wait ', 'REQAGENT', 'CAPTURE', 'ASRDIGITS', 'PLAY', 'VOICEMAIL', 'RUNSUB']) {
      assert.equal(isLongRunningActionType(type), true, type);
    }
    for (const type of ['SNIPPET', 'ASSIGN', 'BEGIN', 'IF', 'HANGUP', ''])
      assert.equal(isLongRunningActionType(type), false, type);
    assert.match(longRunningReason('reqagent') ?? '', /queue/);
  });
});
