/** How many condition and call ids a model build has handed out so far. */
export interface IdMarks {
  readonly conditions: number;
  readonly calls: number;
}

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

  marks(): IdMarks {
    return { conditions: this.conditions, calls: this.calls };
  }

  /** Hands out ids after `marks` next: a unit taken over from an earlier build used the ones before. */
  continueAfter(marks: IdMarks): void {
    this.conditions = marks.conditions;
    this.calls = marks.calls;
  }
}
