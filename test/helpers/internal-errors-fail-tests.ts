import { setInternalErrorSink } from '../../server/src/common/internal-errors';

/**
 * Mocha root hooks (loaded by .mocharc.json): a rule or a fix that throws is reported by the product and kept from
 * taking anything else down; in the tests such a report fails the test that caused it.
 */
let reported: string[] = [];

export const mochaHooks = {
  beforeAll(): void {
    setInternalErrorSink((where, error) => {
      reported.push(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
  },
  beforeEach(): void {
    reported = [];
  },
  afterEach(): void {
    if (reported.length === 0) return;
    const found = reported;
    reported = [];
    throw new Error(`internal errors were reported during this test:\n${found.join('\n')}`);
  },
};
