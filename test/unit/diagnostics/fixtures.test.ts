import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import { assertMatchesAnnotations, fixtureFiles, lintFixture } from '../../helpers/fixture-runner';

const ROOT = join(__dirname, '../../..');
const RULE_FIXTURES = join(ROOT, 'test/fixtures/rules');
const CORRECT_FIXTURES = join(ROOT, 'test/fixtures/correct');

describe('rule fixtures (inline-annotated, through lintText)', () => {
  const files = fixtureFiles(RULE_FIXTURES);

  it('has positives and negatives in all three notations', () => {
    assert.ok(files.length >= 30, `only ${files.length} rule fixtures`);
    for (const extension of ['.snippet', '.studio', '.xml'])
      assert.ok(
        files.some((f) => f.endsWith(extension)),
        extension,
      );
  });

  for (const file of files) {
    const name = relative(RULE_FIXTURES, file);
    it(name, () => assertMatchesAnnotations(name, lintFixture(file)));
  }
});

describe('correct code (zero false positives)', () => {
  const files = fixtureFiles(CORRECT_FIXTURES);

  it('has at least 8 files in all three notations', () => {
    assert.ok(files.length >= 8, `only ${files.length} files`);
    for (const extension of ['.snippet', '.studio', '.xml'])
      assert.ok(
        files.some((f) => f.endsWith(extension)),
        extension,
      );
  });

  for (const file of files) {
    const name = relative(CORRECT_FIXTURES, file);
    it(`${name} has no findings at all`, () => {
      const fixture = lintFixture(file);
      assert.deepEqual(fixture.expected, [], `${name}: correct fixtures carry no annotations`);
      assertMatchesAnnotations(name, fixture);
    });
  }
});
