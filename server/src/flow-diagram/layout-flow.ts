import { Graph, layout } from '@dagrejs/dagre';

/** A box to place: an action, with the lines of text it shows. */
export interface NodeInput {
  readonly key: string;
  readonly lines: readonly string[];
}

export interface EdgeInput {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** Branch or case text; empty for a default link. */
  readonly label: string;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode {
  readonly key: string;
  /** Top-left corner and size. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly key: string;
  readonly points: readonly Point[];
  /** Centre of the label, when it has one. */
  readonly labelAt?: Point;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: ReadonlyMap<string, PlacedEdge>;
}

/** Text metrics of the picture (render-svg.ts uses the same). */
export const FONT_SIZE = 12;
export const LINE_HEIGHT = 16;
export const PADDING_X = 10;
export const PADDING_Y = 8;
const MARGIN = 16;

/**
 * Width of a line of text at FONT_SIZE, estimated without a font: wide characters (CJK, emoji) count double. Generous
 * on purpose, so text never runs out of its box in any font the viewer picks.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const c of text) width += (c.codePointAt(0) ?? 0) > 0x2e80 ? 2 * 7.5 : 7.5;
  return Math.ceil(width);
}

/**
 * Lays the flow out top to bottom with dagre (a layered, Sugiyama-style layout: ranks along the flow, few crossings),
 * leaving room for the edge labels. Deterministic: the same graph gives the same picture.
 */
export function layoutFlow(nodes: readonly NodeInput[], edges: readonly EdgeInput[]): Layout {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 28, edgesep: 12, ranksep: 44, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    const width = Math.max(90, ...node.lines.map(textWidth)) + 2 * PADDING_X;
    graph.setNode(node.key, { width, height: node.lines.length * LINE_HEIGHT + 2 * PADDING_Y });
  }
  for (const edge of edges) {
    const label =
      edge.label === ''
        ? { minlen: 1 }
        : { minlen: 1, width: textWidth(edge.label) + 8, height: LINE_HEIGHT, labelpos: 'c' as const };
    graph.setEdge(edge.from, edge.to, label, edge.key);
  }
  layout(graph);
  const placed = new Map<string, PlacedNode>();
  for (const node of nodes) {
    const at = graph.node(node.key);
    const x = (at.x ?? 0) - at.width / 2;
    const y = (at.y ?? 0) - at.height / 2;
    placed.set(node.key, { key: node.key, x, y, width: at.width, height: at.height });
  }
  const placedEdges = new Map<string, PlacedEdge>();
  for (const edge of edges) {
    const at = graph.edge({ v: edge.from, w: edge.to, name: edge.key });
    const labelAt = edge.label !== '' && at.x !== undefined && at.y !== undefined ? { x: at.x, y: at.y } : undefined;
    placedEdges.set(edge.key, { key: edge.key, points: at.points ?? [], ...(labelAt ? { labelAt } : {}) });
  }
  const size = graph.graph();
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes: placed, edges: placedEdges };
}

/** Whether two placed boxes overlap (touching edges do not count). */
export function overlaps(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
