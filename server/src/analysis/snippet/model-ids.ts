/** Ids unique across one model, starting at 1 so that an id is never falsy. */
export class ModelIds {
  private units = 0;
  private conditions = 0;
  private calls = 0;

  nextUnit(): number {
    return ++this.units;
  }

  nextCondition(): number {
    return ++this.conditions;
  }

  nextCall(): number {
    return ++this.calls;
  }
}
