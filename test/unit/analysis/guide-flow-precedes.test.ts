import { strict as assert } from 'node:assert';
import { extract, extractFixture } from './extract-guide-helpers';

describe('extract-studio: the unit flow', () => {
  it('answers precedes exactly as its predecessors list does, for every pair of units and a few ids that are none', () => {
    const documents = [
      extractFixture('guide-scripts/long-ivr-with-wait.studio'),
      extractFixture('guide-scripts/two-step-token-exchange.studio'),
      extract('// empty'),
    ];
    for (const { model } of documents) {
      const ids = [...model.units.map((u) => u.id), -1, model.units.length, 0.5, Number.NaN];
      for (const unit of ids) {
        const predecessors = model.flow.predecessors(unit);
        for (const candidate of ids) {
          assert.equal(
            model.flow.precedes?.(candidate, unit),
            predecessors.includes(candidate),
            `${candidate} before ${unit}`,
          );
        }
      }
    }
  });
});
