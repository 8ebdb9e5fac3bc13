import type { CodeUnit, FlowModel } from '../analysis/model/flow-model';
import { eventsOfKind } from '../analysis/model/queries';
import { ageExceedsLifetime, ageLabel, ageReason, type TokenAge } from '../analysis/model/token-age';
import { type ActionDuration, actionDurationOf } from '../analysis/vocabulary/action-durations';
import { isLongRunningActionType } from '../analysis/vocabulary/long-running-actions';
import type { TextRange } from '../common/text-range';
import type { ExportDocument } from '../documents/parsed-document';
import type { ScriptAction } from '../syntax/export/read-export';
import { type EdgeInput, type Layout, layoutFlow, type NodeInput, type PlacedNode } from './layout-flow';
import { renderSvg, type StyledEdge, type StyledNode } from './render-svg';
import { type TokenPath, tokenPathsOf } from './token-paths';

/** The picture of an export's flow, and where each action it draws is in the file. */
export interface FlowDiagram {
  readonly svg: string;
  /** Each drawn action: its id and its `<ActionStruct>` in the export (document offsets), for "reveal". */
  readonly actions: readonly { readonly actionId: number; readonly range: TextRange }[];
  /** Where each action's box is in the picture (SVG user units), for tests and hit-testing. */
  readonly boxes: readonly (PlacedNode & { readonly actionId: number })[];
  readonly tokenPaths: readonly TokenPath[];
}

/** Caption text longer than this is cut with an ellipsis (the full caption is in the node's tooltip). */
const MAX_CAPTION = 36;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}

/** The variable as the script writes it at an event (the model folds names to lower case). */
function authored(text: string, range: TextRange, variable: string): string {
  const slice = text.slice(range.start, range.end);
  const at = slice.toLowerCase().indexOf(variable);
  return at < 0 ? variable : slice.slice(at, at + variable.length);
}

interface Roles {
  /** Per action: the token names it acquires that a drawn path carries. */
  readonly acquires: Map<number, Set<string>>;
  /** Per action: the worst age of each token it sends. */
  readonly sends: Map<number, Map<string, TokenAge>>;
  readonly pathEdges: Set<string>;
  readonly pathNodes: Set<number>;
}

function worse(a: TokenAge | undefined, b: TokenAge): TokenAge {
  if (!a) return b;
  if (a.kind === 'unbounded') return a;
  if (b.kind === 'unbounded') return b;
  return b.seconds > a.seconds ? b : a;
}

/**
 * Draws an export's action graph: every action as a box (type and id, caption), every link as an arrow labelled with
 * its branch or case text; each token's path from its acquisition to each use in red, long-running actions marked,
 * each use labelled with the token's worst-case age there. The SVG is the same for the CLI and the editor.
 */
export function flowDiagramOf(document: ExportDocument, model: FlowModel, lifetimeSeconds: number): FlowDiagram {
  const { graph } = document.export;
  const actions = uniqueActions(graph.actions);
  const actionOfUnit = new Map<number, number>();
  for (const unit of model.units) {
    const snippet = document.snippets.find((s) => s.code.contentRange.start === unit.range.start);
    if (snippet) actionOfUnit.set(unit.id, snippet.code.actionId);
  }
  const unitOfAction = new Map<number, CodeUnit>();
  for (const unit of model.units) {
    const id = actionOfUnit.get(unit.id);
    if (id !== undefined && !unitOfAction.has(id)) unitOfAction.set(id, unit);
  }
  const tokenPaths = tokenPathsOf(model, (unit) => actionOfUnit.get(unit.id));
  const roles = rolesOf(tokenPaths);
  const name = (actionId: number, variable: string, kind: 'token-acquire' | 'token-use'): string => {
    const unit = unitOfAction.get(actionId);
    const event = unit && eventsOfKind(unit, kind).find((e) => e.variable === variable);
    return event ? authored(document.text, event.range, variable) : variable;
  };

  const nodes: NodeInput[] = [];
  const styled = new Map<string, StyledNode>();
  for (const action of actions) {
    const key = `a${action.id}`;
    const lines = [`${action.type || '?'} ${action.id}`];
    if (action.caption.trim() !== '') lines.push(clip(action.caption, MAX_CAPTION));
    const classes = [`type-${action.type.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'unknown'}`];
    const notes: { text: string; className: string }[] = [];
    const duration = actionDurationOf(
      action.type,
      action.parameters.map((p) => p.value),
    );
    if (duration || isLongRunningActionType(action.type)) {
      classes.push('long-running');
      notes.push({ text: waitNote(action.type, duration), className: 'wait' });
    }
    for (const variable of roles.acquires.get(action.id) ?? []) {
      classes.push('acquires');
      notes.push({ text: `acquires ${name(action.id, variable, 'token-acquire')}`, className: 'acquire' });
    }
    for (const [variable, age] of roles.sends.get(action.id) ?? []) {
      const expired = ageExceedsLifetime(age, lifetimeSeconds);
      classes.push(expired ? 'uses-expired' : 'uses');
      notes.push({
        text: `sends ${name(action.id, variable, 'token-use')}: age ${ageLabel(age)}`,
        className: expired ? 'age-expired' : 'age',
      });
    }
    if (roles.pathNodes.has(action.id)) classes.push('on-path');
    nodes.push({ key, lines: [...lines, ...notes.map((n) => n.text)] });
    styled.set(key, { key, actionId: action.id, title: tooltip(action, roles), lines, notes, classes });
  }

  const edges: EdgeInput[] = [];
  const styledEdges: StyledEdge[] = [];
  graph.edges.forEach((edge, index) => {
    if (edge.dangling || !graph.action(edge.from)) return;
    const key = `e${index}`;
    const label = edge.kind === 'default' && edge.label.trim() === '' ? '' : clip(edge.label, 24) || edge.kind;
    edges.push({ key, from: `a${edge.from}`, to: `a${edge.to}`, label });
    styledEdges.push({ key, label, onPath: roles.pathEdges.has(`${edge.from}>${edge.to}`) });
  });

  const placed: Layout = layoutFlow(nodes, edges);
  const title = `Flow of ${actions.length} action${actions.length === 1 ? '' : 's'}`;
  const svg = renderSvg(placed, [...styled.values()], styledEdges, title);
  const boxes = [...styled.values()].map((node) => ({ ...placed.nodes.get(node.key)!, actionId: node.actionId }));
  return {
    svg,
    actions: actions.map((a) => ({ actionId: a.id, range: { ...a.range } })),
    boxes,
    tokenPaths,
  };
}

/** `waits 30 s`, `waits ~20 s (default)`, `no upper bound (a hold)`. */
function waitNote(type: string, duration: ActionDuration | undefined): string {
  if (!duration) return 'waits (no default duration)';
  const basis = duration.basis.startsWith(type.trim().toUpperCase())
    ? duration.basis.slice(type.trim().length).trim()
    : duration.basis;
  return duration.bounded ? `waits ${basis}` : `no upper bound ${basis}`.trim();
}

function rolesOf(paths: readonly TokenPath[]): Roles {
  const roles: Roles = { acquires: new Map(), sends: new Map(), pathEdges: new Set(), pathNodes: new Set() };
  for (const path of paths) {
    const acquired = roles.acquires.get(path.from) ?? new Set<string>();
    acquired.add(path.variable);
    roles.acquires.set(path.from, acquired);
    const sent = roles.sends.get(path.to) ?? new Map<string, TokenAge>();
    sent.set(path.variable, worse(sent.get(path.variable), path.age));
    roles.sends.set(path.to, sent);
    const ids = path.age.path;
    ids.forEach((id, i) => {
      roles.pathNodes.add(id);
      if (i > 0) roles.pathEdges.add(`${ids[i - 1]}>${id}`);
    });
  }
  return roles;
}

function tooltip(action: ScriptAction, roles: Roles): string {
  const lines = [`${action.type} ${action.id}${action.caption ? ` "${action.caption}"` : ''}`];
  for (const [variable, age] of roles.sends.get(action.id) ?? []) lines.push(`${variable}: ${ageReason(age)}`);
  return lines.join('\n');
}

function uniqueActions(actions: readonly ScriptAction[]): ScriptAction[] {
  const seen = new Set<number>();
  return actions.filter((a) => !seen.has(a.id) && seen.add(a.id) !== undefined);
}
