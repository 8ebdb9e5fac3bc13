import type { ExpiryCheck, FlowModel, RefreshBuffer } from '../../analysis/model/flow-model';
import { allEventsOfKind } from '../../analysis/model/queries';
import type { DocumentKind } from '../../documents/document-kind';
import type { RuleFinding } from '../finding';
import { authoredName } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'token-expiry-no-buffer';

/** A buffer variable nothing in the document assigns: Studio reads it as empty, a zero buffer. */
function unassigned(buffer: RefreshBuffer | undefined): buffer is Extract<RefreshBuffer, { kind: 'variable' }> {
  return buffer?.kind === 'variable' && buffer.neverAssigned === true;
}

/** Where an unassigned variable could still be set, in words, by kind of document. */
function elsewhere(kind: DocumentKind): string {
  switch (kind) {
    case 'snippet':
      return 'nothing in this snippet assigns it (an earlier action may; if none does, ';
    case 'export':
      return 'nothing in the script assigns it (no SNIPPET action, no other action: ';
    case 'guide':
      return 'nothing in this script assigns it (';
  }
}

/**
 * An expiry check that gives the token no buffer: no buffer at all (unless every place the expiry is stored already
 * took one off: `utc + ((r.expires_in - 300) / 86400)`), or a buffer variable nothing assigns.
 */
export function checkTokenExpiryNoBuffer(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  const stored = allEventsOfKind(model, 'expiry-set').filter(({ event }) => !event.clears);
  for (const unit of model.units) {
    for (const condition of unit.conditions) {
      const check = condition.expiryCheck;
      if (!check) continue;
      const stores = stored.filter(({ event }) => event.variable === check.expiryVariable);
      const message = messageFor(
        context,
        check,
        stores.map(({ event }) => event.storedBuffer),
      );
      if (message === undefined) continue;
      findings.push(finding(CODE, check.comparisonRange, message, { unit, condition, check, stores }));
    }
  }
  return findings;
}

function messageFor(
  context: RuleContext,
  check: ExpiryCheck,
  storedBuffers: readonly (RefreshBuffer | undefined)[],
): string | undefined {
  const name = (variable: string): string => authoredName(context.text, check.comparisonRange, variable);
  const expiry = name(check.expiryVariable);
  const drift = 'so the token counts as valid up to its last second by the host clock, and clock drift between the ';
  if (unassigned(check.buffer)) {
    const buffer = name(check.buffer.variable);
    return (
      `This check subtracts ${buffer} from the expiry (${expiry}), but ${elsewhere(context.kind)}Studio ignores an ` +
      `empty variable in arithmetic, so the buffer is 0): ${drift}Studio host and the identity provider gives 401s. ` +
      `Set ${buffer} (for example to ${context.settings.bufferSeconds} s) before the check.`
    );
  }
  if (check.buffer.kind !== 'none') return undefined;
  const zeroStored = storedBuffers.find(unassigned);
  if (zeroStored) {
    const buffer = name(zeroStored.variable);
    return (
      `This check compares the time with the expiry (${expiry}) directly, and the expiry is stored less ${buffer}, ` +
      `but ${elsewhere(context.kind)}the buffer is 0): ${drift}Studio host and the identity provider gives 401s. ` +
      `Set ${buffer} (for example to ${context.settings.bufferSeconds} s).`
    );
  }
  // A buffer taken off wherever the expiry is stored counts: a second one would refresh twice as early.
  if (storedBuffers.length > 0 && storedBuffers.every((buffer) => buffer !== undefined)) return undefined;
  return (
    `This check compares the time with the expiry (${expiry}) directly; refresh ` +
    `${context.settings.bufferSeconds} s before it ` +
    `to absorb clock drift between the Studio host and the identity provider.`
  );
}
