import { SaxesParser } from 'saxes';
import { quoteSource } from '../../common/quote-source';
import { type ParseError, shiftedRange, type TextRange } from '../../common/text-range';
import { ActionGraph } from './action-graph';
import type { ActionEdge, ActionEdgeKind, ScriptAction, ActionParameter } from './export-model';
import { decodeXmlContent, type XmlContent } from './xml-content';
import { type OpenElement, xmlParseError } from './xml-error';

export type { ActionEdge, ActionEdgeKind, ScriptAction, ActionParameter } from './export-model';
export { ActionGraph, type ActionMarks } from './action-graph';

/**
 * The code of one SNIPPET action: the first `<string>` of its `<Parameters>`.
 *
 * `code` is the decoded text with the file's own line breaks (CRLF stays CRLF; an XML parser would give LF), so
 * every code offset maps 1:1 to the file. See xml-content.ts for the exact offset rules; in short:
 * `toDocumentOffset` maps a code offset to where its source starts (an entity's `&`), `code.length` to the end of
 * the last character's source; `toCodeOffset` maps a file offset inside an entity to that entity's character and
 * gives `undefined` outside `contentRange`.
 *
 * To write new code back, replace `elementRange` with `<string>${escapeXmlText(code)}</string>` (this works for
 * `<string />` and for CDATA content too), or replace `contentRange` when `usesCdata` is false.
 */
export interface EmbeddedCode {
  readonly actionId: number;
  readonly caption: string;
  readonly code: string;
  /** Raw range of the `<string>` content in the file (empty for `<string />`). */
  readonly contentRange: TextRange;
  /** The whole `<string>` element. */
  readonly elementRange: TextRange;
  readonly usesCdata: boolean;
  toDocumentOffset(codeOffset: number): number;
  toCodeOffset(documentOffset: number): number | undefined;
  /** A code range as the file range of exactly its source (see XmlContent.toDocumentRange). */
  toDocumentRange(codeStart: number, codeEnd: number): TextRange;
  /** The same code `delta` further on, in `text` (see XmlContent.movedBy). */
  movedBy(delta: number, text: string): EmbeddedCode;
}

/** The code of a SNIPPET action whose first parameter is `first`, with its decoded content. */
export function embeddedCodeOf(
  action: { readonly id: number; readonly caption: string },
  first: ActionParameter,
  content: XmlContent,
): EmbeddedCode {
  return {
    actionId: action.id,
    caption: action.caption,
    code: content.text,
    contentRange: first.range,
    elementRange: first.elementRange,
    usesCdata: content.usesCdata,
    toDocumentOffset: content.toDocumentOffset,
    toCodeOffset: content.toCodeOffset,
    toDocumentRange: content.toDocumentRange,
    movedBy: (delta, text) =>
      embeddedCodeOf(
        action,
        {
          value: first.value,
          range: delta === 0 ? first.range : shiftedRange(first.range, delta),
          elementRange: delta === 0 ? first.elementRange : shiftedRange(first.elementRange, delta),
        },
        content.movedBy(delta, text),
      ),
  };
}

export interface ScriptExport {
  /** Actions in document order (only those whose `</ActionStruct>` was read before any XML error). */
  readonly actions: ScriptAction[];
  readonly edges: ActionEdge[];
  readonly snippets: EmbeddedCode[];
  /** At most one error: the first XML well-formedness error. */
  readonly errors: ParseError[];
  readonly graph: ActionGraph;
}

const ROOT = 'ScriptContainer';
const ROOT_MARKER = '<ScriptContainer';

/**
 * Reads a Desktop Studio XML export (`<ScriptContainer>`). Returns `undefined` for other XML (any other root
 * element) and for text that is neither well-formed XML nor mentions `<ScriptContainer`. A malformed export gives
 * exactly one ParseError plus the actions read before the error. Never throws.
 */
export function readExport(text: string): ScriptExport | undefined {
  try {
    return new ExportReader(text).read();
  } catch (unexpected) {
    // A bug in this reader must not take the language server down; report it on the document instead.
    if (!text.includes(ROOT_MARKER)) return undefined;
    const reason = quoteSource(unexpected instanceof Error ? unexpected.message : String(unexpected), 200);
    return assemble(
      [],
      [],
      [],
      [{ range: { start: 0, end: 0 }, message: `Could not read the Studio export: ${reason}` }],
    );
  }
}

/** Thrown from saxes handlers to stop parsing; never escapes this module. */
class StopParsing {
  constructor(readonly reason: 'error' | 'not-an-export') {}
}

interface ElementFrame extends OpenElement {
  /** Offset just after the start tag's `>`. */
  readonly contentStart: number;
}

interface LinkBuilder {
  readonly kind: ActionEdgeKind;
  label: string;
  target?: string;
  index?: string;
}

interface ActionBuilder {
  readonly start: number;
  id?: string;
  type?: string;
  caption?: string;
  captionRange?: TextRange;
  parameters: ActionParameter[];
  /** Decoded content of each parameter, kept so a SNIPPET's code is decoded once. */
  parameterContents: XmlContent[];
  links: ActionEdgeDraft[];
  link?: LinkBuilder;
}

type ActionEdgeDraft = Omit<ActionEdge, 'dangling'>;

/** The part of a saxes tag this reader uses. */
interface TagEvent {
  readonly name: string;
  readonly isSelfClosing: boolean;
}

class ExportReader {
  private readonly stack: ElementFrame[] = [];
  private readonly actions: ScriptAction[] = [];
  private readonly edges: ActionEdgeDraft[] = [];
  private readonly snippets: EmbeddedCode[] = [];
  private error: ParseError | undefined;
  private rootName: string | undefined;
  private action: ActionBuilder | undefined;

  constructor(private readonly text: string) {}

  read(): ScriptExport | undefined {
    const parser = new SaxesParser({ position: true });
    parser.on('opentag', (tag) => this.onOpen(tag, parser.position));
    parser.on('closetag', (tag) => this.onClose(tag, parser.position));
    parser.on('error', (e) => {
      this.error = xmlParseError(this.text, e.message, parser.position, this.stack);
      throw new StopParsing('error');
    });
    try {
      parser.write(this.text);
      parser.close();
    } catch (stop) {
      if (!(stop instanceof StopParsing)) throw stop;
      if (stop.reason === 'not-an-export') return undefined;
    }
    if (this.rootName === undefined && !this.text.includes(ROOT_MARKER)) return undefined;
    if (this.rootName !== undefined && this.rootName !== ROOT) return undefined;
    const ids = new Set(this.actions.map((a) => a.id));
    const edges = this.edges.map((edge) => ({ ...edge, dangling: !ids.has(edge.to) }));
    return assemble(this.actions, edges, this.snippets, this.error === undefined ? [] : [this.error]);
  }

  private onOpen(tag: TagEvent, position: number): void {
    const start = this.text.lastIndexOf('<', position - 1);
    const frame: ElementFrame = { name: tag.name, start, contentStart: position };
    const depth = this.stack.length; // the new element's index in the stack: 0 = root, 2 = ActionStruct
    this.stack.push(frame);
    if (depth === 0) {
      this.rootName = tag.name;
      if (tag.name !== ROOT) throw new StopParsing('not-an-export');
      return;
    }
    if (depth === 2 && tag.name === 'ActionStruct' && this.parentIs(1, 'Actions')) {
      this.action = { start, parameters: [], parameterContents: [], links: [] };
      return;
    }
    const action = this.action;
    if (action === undefined) return;
    if (depth === 3 && tag.name === 'DefaultNextAction') {
      action.link = { kind: 'default', label: '' };
    } else if (
      depth === 4 &&
      tag.name === 'BranchStruct' &&
      (this.parentIs(3, 'Branches') || this.parentIs(3, 'Cases'))
    ) {
      action.link = { kind: this.parentIs(3, 'Branches') ? 'branch' : 'case', label: '' };
    }
  }

  private onClose(tag: TagEvent, position: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return;
    const selfClosing = tag.isSelfClosing;
    const endTagStart = selfClosing ? position : this.text.lastIndexOf('</', position - 1);
    // saxes reports the popped element before failing on a mismatched end tag: only accept a matching name.
    if (!selfClosing && !this.endTagNames(endTagStart, tag.name)) return;
    this.stack.pop();
    const depth = this.stack.length; // the closed element's index in the stack, as in onOpen
    const action = this.action;
    if (action === undefined) return;
    // For `<x />` the content is empty, placed just before "/>".
    const contentRange: TextRange = selfClosing
      ? { start: position - 2, end: position - 2 }
      : { start: frame.contentStart, end: endTagStart };
    const elementRange: TextRange = { start: frame.start, end: position };

    if (depth === 2) {
      this.finishAction(action, elementRange);
      this.action = undefined;
    } else if (depth === 3) {
      switch (tag.name) {
        case 'ActionID':
          action.id = this.decode(contentRange);
          break;
        case 'Action':
          action.type = this.decode(contentRange);
          break;
        case 'Caption':
          action.caption = this.decode(contentRange);
          action.captionRange = contentRange;
          break;
        case 'DefaultNextAction':
          this.finishLink(action, elementRange);
          break;
        default:
          break;
      }
    } else if (depth === 4 && tag.name === 'string' && this.parentIs(3, 'Parameters')) {
      const content = decodeXmlContent(this.text, contentRange.start, contentRange.end);
      action.parameters.push({ value: content.text, range: contentRange, elementRange });
      action.parameterContents.push(content);
    } else if (
      depth === 4 &&
      tag.name === 'BranchStruct' &&
      (this.parentIs(3, 'Branches') || this.parentIs(3, 'Cases'))
    ) {
      this.finishLink(action, elementRange);
    } else if (action.link !== undefined && this.isLinkField(depth)) {
      const value = this.decode(contentRange);
      if (tag.name === 'Text') action.link.label = value;
      else if (tag.name === 'ActionID') action.link.target = value;
      else if (tag.name === 'Index') action.link.index = value;
    }
  }

  /** True when the element just closed at `depth` is a direct child of the link being read. */
  private isLinkField(depth: number): boolean {
    const parent = this.stack[depth - 1]?.name;
    return (depth === 4 && parent === 'DefaultNextAction') || (depth === 5 && parent === 'BranchStruct');
  }

  private finishLink(action: ActionBuilder, range: TextRange): void {
    const link = action.link;
    action.link = undefined;
    if (link === undefined) return;
    const to = parseInteger(link.target);
    if (to === undefined || to <= 0) return; // Studio writes -1 for "not connected"
    const index = parseInteger(link.index);
    action.links.push({
      from: Number.NaN, // filled in when the action's id is known
      to,
      kind: link.kind,
      label: link.label,
      ...(index !== undefined ? { index } : {}),
      range,
    });
  }

  private finishAction(builder: ActionBuilder, range: TextRange): void {
    const id = parseInteger(builder.id);
    if (id === undefined) return; // Studio always writes an ActionID; without one the action cannot be linked
    const action: ScriptAction = {
      id,
      type: (builder.type ?? '').trim(),
      caption: builder.caption ?? '',
      parameters: builder.parameters,
      range,
      ...(builder.captionRange !== undefined ? { captionRange: builder.captionRange } : {}),
    };
    this.actions.push(action);
    for (const link of builder.links) this.edges.push({ ...link, from: id });
    const first = builder.parameters[0];
    const content = builder.parameterContents[0];
    if (action.type.toUpperCase() === 'SNIPPET' && first !== undefined && content !== undefined) {
      this.snippets.push(embeddedCodeOf(action, first, content));
    }
  }

  private parentIs(index: number, name: string): boolean {
    return this.stack[index]?.name === name;
  }

  private endTagNames(endTagStart: number, name: string): boolean {
    if (!this.text.startsWith(name, endTagStart + 2)) return false;
    const next = this.text.charCodeAt(endTagStart + 2 + name.length);
    return next === 0x3e /* > */ || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
  }

  private decode(range: TextRange): string {
    return decodeXmlContent(this.text, range.start, range.end).text;
  }
}

export function assemble(
  actions: ScriptAction[],
  edges: ActionEdge[],
  snippets: EmbeddedCode[],
  errors: ParseError[],
): ScriptExport {
  return { actions, edges, snippets, errors, graph: new ActionGraph(actions, edges) };
}

function parseInteger(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[+-]?\d{1,15}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
