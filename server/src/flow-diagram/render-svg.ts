import { FONT_SIZE, LINE_HEIGHT, type Layout, PADDING_X, PADDING_Y, type Point, textWidth } from './layout-flow';

/** An action's box as drawn: its text lines, the notes under them (role, wait, age) and its CSS classes. */
export interface StyledNode {
  readonly key: string;
  readonly actionId: number;
  readonly title: string;
  readonly lines: readonly string[];
  readonly notes: readonly { readonly text: string; readonly className: string }[];
  readonly classes: readonly string[];
}

export interface StyledEdge {
  readonly key: string;
  readonly label: string;
  /** On a token's path from its acquisition to a use. */
  readonly onPath: boolean;
}

/** Text and attribute values are escaped; nothing from the export reaches the SVG as markup. */
function escapeMarkup(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const n = (value: number): string => String(Math.round(value * 10) / 10);

/** A smooth path through dagre's points (quadratic curves through the midpoints). */
function pathData(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let d = `M${n(first!.x)},${n(first!.y)}`;
  if (rest.length === 1) return `${d} L${n(rest[0]!.x)},${n(rest[0]!.y)}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const control = rest[i]!;
    const next = rest[i + 1]!;
    const end = i === rest.length - 2 ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 };
    d += ` Q${n(control.x)},${n(control.y)} ${n(end.x)},${n(end.y)}`;
  }
  return d;
}

const STYLE = `
.background{fill:#ffffff}
.node-box{fill:#ffffff;stroke:#6e7781;stroke-width:1.2}
.type-snippet .node-box{fill:#eef4ff;stroke:#4f6fad}
.type-begin .node-box,.type-hangup .node-box,.type-end .node-box{fill:#f3f4f6}
.long-running .node-box{fill:#fff6e5;stroke:#b8860b;stroke-dasharray:5 3}
.on-path .node-box{stroke:#cf222e;stroke-width:2}
.acquires .node-box{stroke:#1a7f37;stroke-width:2.5;stroke-dasharray:none}
.uses .node-box,.uses-expired .node-box{stroke:#cf222e;stroke-width:2.5;stroke-dasharray:none}
.node text{fill:#1f2328}
.node .head{font-weight:600}
.node .wait{fill:#8a5a00}
.node .acquire{fill:#1a7f37;font-weight:600}
.node .age{fill:#9a6700;font-weight:600}
.node .age-expired{fill:#cf222e;font-weight:600}
.node{cursor:pointer}
.edge{fill:none;stroke:#8c959f;stroke-width:1.3}
.edge.token{stroke:#cf222e;stroke-width:2.6}
.edge-label rect{fill:#ffffff;stroke:#d0d7de}
.edge-label text{fill:#57606a;font-size:11px}
.edge-label.token text{fill:#cf222e}
`;

/**
 * The diagram as a standalone SVG document (no scripts, no external references): it renders the same in a browser,
 * a review tool and the editor's view. Each action is a `<g class="node" data-action-id="…">` so a viewer can find it.
 */
export function renderSvg(
  layout: Layout,
  nodes: readonly StyledNode[],
  edges: readonly StyledEdge[],
  title: string,
): string {
  const { width, height } = layout;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      `font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="${FONT_SIZE}" role="img">`,
  );
  out.push(`<title>${escapeMarkup(title)}</title>`);
  out.push(`<style>${STYLE}</style>`);
  out.push(
    '<defs>' +
      '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">' +
      '<path d="M0,0L10,5L0,10z" fill="#8c959f"/></marker>' +
      '<marker id="arrow-token" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">' +
      '<path d="M0,0L10,5L0,10z" fill="#cf222e"/></marker>' +
      '</defs>',
  );
  out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push('<g class="edges">');
  // Token paths last, so they are drawn over the other links.
  for (const edge of [...edges].sort((a, b) => Number(a.onPath) - Number(b.onPath))) {
    const placed = layout.edges.get(edge.key);
    if (!placed || placed.points.length === 0) continue;
    const marker = edge.onPath ? 'arrow-token' : 'arrow';
    out.push(
      `<path class="edge${edge.onPath ? ' token' : ''}" d="${pathData(placed.points)}" marker-end="url(#${marker})"/>`,
    );
  }
  out.push('</g><g class="edge-labels">');
  for (const edge of edges) {
    const at = layout.edges.get(edge.key)?.labelAt;
    if (!at || edge.label === '') continue;
    const w = textWidth(edge.label) + 8;
    out.push(
      `<g class="edge-label${edge.onPath ? ' token' : ''}"><rect x="${n(at.x - w / 2)}" y="${n(at.y - 8)}" ` +
        `width="${n(w)}" height="16" rx="3"/><text x="${n(at.x)}" y="${n(at.y + 4)}" text-anchor="middle">` +
        `${escapeMarkup(edge.label)}</text></g>`,
    );
  }
  out.push('</g><g class="nodes">');
  for (const node of nodes) {
    const box = layout.nodes.get(node.key);
    if (!box) continue;
    out.push(
      `<g class="node ${node.classes.join(' ')}" id="action-${node.actionId}" data-action-id="${node.actionId}">` +
        `<title>${escapeMarkup(node.title)}</title>` +
        `<rect class="node-box" x="${n(box.x)}" y="${n(box.y)}" ` +
        `width="${n(box.width)}" height="${n(box.height)}" rx="6"/>`,
    );
    const texts = [...node.lines.map((text, i) => ({ text, className: i === 0 ? 'head' : 'caption' })), ...node.notes];
    texts.forEach((line, i) => {
      const y = box.y + PADDING_Y + (i + 1) * LINE_HEIGHT - 4;
      const at = `x="${n(box.x + PADDING_X)}" y="${n(y)}"`;
      out.push(`<text class="${line.className}" ${at}>${escapeMarkup(line.text)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</g></svg>');
  return `${out.join('\n')}\n`;
}
