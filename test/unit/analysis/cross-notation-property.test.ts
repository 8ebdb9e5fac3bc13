import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { codesByMarker, studioExport } from './cross-notation-helpers';
import { exportSteps, guideText, isSplit, programs, snippetText } from './cross-notation-generator';

describe('cross-notation: generated programs with realistic names report the same codes on the same lines', () => {
  it('in .snippet, .studio and an export (token, expiry, error, status and proxy names drawn at random)', function () {
    // 400 programs, each linted three times: a few seconds on a busy machine.
    this.timeout(60_000);
    fc.assert(
      fc.property(programs, (program) => {
        const guide = codesByMarker('program.studio', guideText(program));
        const exported = codesByMarker('program.xml', studioExport(exportSteps(program)));
        assert.deepEqual(exported, guide, 'the export and the guide notation differ');
        // A program split over two actions has no single .snippet of its own.
        if (!isSplit(program)) assert.deepEqual(codesByMarker('program.snippet', snippetText(program)), guide);
      }),
      { numRuns: 400 },
    );
  });

  it('draws programs that report every code the generator can produce', () => {
    const reported = new Set<string>();
    for (const program of fc.sample(programs, { seed: 10, numRuns: 400 })) {
      for (const codes of Object.values(codesByMarker('program.studio', guideText(program))))
        for (const code of codes) reported.add(code);
    }
    assert.deepEqual([...reported].sort(), [
      'hardcoded-secret',
      'refresh-without-jitter',
      'token-expires-in-ignored',
      'token-expiry-no-buffer',
      'token-fetch-in-loop',
      'token-fetch-unchecked',
      'token-reuse-without-expiry',
      'unchecked-auth-status',
    ]);
  });
});
