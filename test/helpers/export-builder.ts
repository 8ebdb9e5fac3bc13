/**
 * Desktop Studio XML exports built in tests, in the shape Studio writes them (CRLF, two-space indentation,
 * ScriptContainer → Actions → ActionStruct), for cases too large or too regular to keep as fixture files.
 */
export interface BuiltAction {
  readonly id: number;
  /** BEGIN, SNIPPET, MENU, WAIT, PLAY, REQAGENT, HANGUP, … */
  readonly type: string;
  readonly caption: string;
  /** SNIPPET code (escaped here); for other actions the parameters as written. */
  readonly code?: string;
  readonly parameters?: readonly string[];
  /** The default next action. */
  readonly next?: number;
  /** Branches (`OnTimeout`, `OnError`…) and cases (`1`, `2`…), by their text. */
  readonly branches?: readonly { readonly text: string; readonly to: number }[];
  readonly cases?: readonly { readonly text: string; readonly to: number }[];
}

const EOL = '\r\n';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function branchStructs(
  name: string,
  items: readonly { text: string; to: number }[] | undefined,
  indent: string,
): string {
  if (!items || items.length === 0) return `${indent}<${name} />`;
  const inner = items
    .map((b, index) =>
      [
        `${indent}  <BranchStruct>`,
        `${indent}    <Text>${escapeText(b.text)}</Text>`,
        `${indent}    <ActionID>${b.to}</ActionID>`,
        `${indent}    <Index>${index}</Index>`,
        `${indent}    <Segments />`,
        `${indent}  </BranchStruct>`,
      ].join(EOL),
    )
    .join(EOL);
  return `${indent}<${name}>${EOL}${inner}${EOL}${indent}</${name}>`;
}

function actionXml(action: BuiltAction, order: number): string {
  const i = '    ';
  const parameters =
    action.code !== undefined ? [escapeText(action.code), 'Limit2K'] : (action.parameters ?? []).map(escapeText);
  const parameterXml =
    parameters.length === 0
      ? `${i}  <Parameters />`
      : [
          `${i}  <Parameters>`,
          ...parameters.map((p) => (p === '' ? `${i}    <string />` : `${i}    <string>${p}</string>`)),
          `${i}  </Parameters>`,
        ].join(EOL);
  const next =
    action.next === undefined
      ? []
      : [
          `${i}  <DefaultNextAction>`,
          `${i}    <Text />`,
          `${i}    <ActionID>${action.next}</ActionID>`,
          `${i}    <Index>0</Index>`,
          `${i}    <Segments />`,
          `${i}  </DefaultNextAction>`,
        ];
  return [
    `${i}<ActionStruct>`,
    `${i}  <ActionID>${action.id}</ActionID>`,
    `${i}  <Action>${escapeText(action.type)}</Action>`,
    `${i}  <Caption>${escapeText(action.caption)}</Caption>`,
    parameterXml,
    ...next,
    branchStructs('Branches', action.branches, `${i}  `),
    branchStructs('Cases', action.cases, `${i}  `),
    `${i}  <X>${64 + (order % 8) * 160}</X>`,
    `${i}  <Y>${48 + Math.floor(order / 8) * 96}</Y>`,
    `${i}  <DependencyOrder>${order}</DependencyOrder>`,
    `${i}  <Impl_Type>0</Impl_Type>`,
    `${i}</ActionStruct>`,
  ].join(EOL);
}

/** The export's text: every action in order, Studio's header and footer. */
export function buildExport(actions: readonly BuiltAction[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" BusNo="4599331" UserID="26118">',
    '  <Actions>',
    ...actions.map(actionXml),
    '  </Actions>',
    '  <MediaType>4</MediaType>',
    '</ScriptContainer>',
    '',
  ].join(EOL);
}
