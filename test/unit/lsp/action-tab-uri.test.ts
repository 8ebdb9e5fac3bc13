import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { actionFingerprint, actionTabUri, parseActionTabUri } from '../../../server/src/lsp/action-tab-uri';

describe('SNIPPET action tab URIs', () => {
  it('name the caption and the id in the file name, the export in the query', () => {
    const uri = actionTabUri('file:///home/ana/scripts/Billing%20IVR.xml', 11, 'Lookup customer');
    assert.equal(
      uri,
      'studio-snippet-action:/Billing%20IVR.xml/Lookup%20customer%20(action%2011).snippet' +
        '?file%3A%2F%2F%2Fhome%2Fana%2Fscripts%2FBilling%2520IVR.xml',
    );
    assert.deepEqual(parseActionTabUri(uri), { exportUri: 'file:///home/ana/scripts/Billing%20IVR.xml', actionId: 11 });
  });

  it('property: any caption and export URI come back from the URI; a caption never adds a folder', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(
          'file:///a/b/export.xml',
          'file:///c%3A/Users/x/My%20Script.xml',
          'vscode-vfs://github/o/r/s.xml',
        ),
        (caption, id, exportUri) => {
          const uri = actionTabUri(exportUri, id, caption);
          // VS Code may write the URI with other escapes; decoding the parts gives the same either way.
          const reescaped = uri.replace(/%20/g, ' ').replace(/\(/g, '%28').replace(/\)/g, '%29');
          for (const form of [uri, reescaped]) assert.deepEqual(parseActionTabUri(form), { exportUri, actionId: id });
          const path = uri.slice(0, uri.indexOf('?'));
          assert.equal(path.split('/').length, 3);
          assert.ok(decodeURIComponent(path).endsWith(`(action ${id}).snippet`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores URIs that are not tabs', () => {
    assert.equal(parseActionTabUri('file:///a/b.snippet'), undefined);
    assert.equal(parseActionTabUri('studio-snippet-action:/x/y.snippet'), undefined);
    assert.equal(parseActionTabUri('studio-snippet-action:/x/%E0%A4%A.snippet?x'), undefined);
  });

  it('fingerprints the action code, so a change of it is seen and nothing else matters', () => {
    assert.equal(actionFingerprint(7, 'ASSIGN a = 1'), actionFingerprint(7, 'ASSIGN a = 1'));
    assert.notEqual(actionFingerprint(7, 'ASSIGN a = 1'), actionFingerprint(7, 'ASSIGN a = 2'));
    assert.notEqual(actionFingerprint(7, 'x'), actionFingerprint(8, 'x'));
  });
});
