/**
 * Expands a VS Code snippet body the way the editor does when every placeholder keeps its default:
 * `${n:default}` → default (expanded too), `$n` / `${n}` → nothing, `\$` `\}` `\\` → the character.
 * Variables (`$NAME`) and choices are not expected in our snippets: they would mean a missing escape.
 */
export function expandSnippet(body: string): string {
  let i = 0;
  const expand = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && inPlaceholder) {
        i++;
        return out;
      } else if (c === '$') {
        const tabStop = /^\$(\d+)/.exec(body.slice(i));
        const braced = /^\$\{(\d+)(:|\})/.exec(body.slice(i));
        if (tabStop) {
          i += tabStop[0].length;
        } else if (braced) {
          i += braced[0].length;
          if (braced[2] === ':') out += expand(true);
        } else {
          throw new Error(`unescaped $ at ${i}: ${body.slice(i, i + 20)}`);
        }
      } else {
        out += c;
        i++;
      }
    }
    if (inPlaceholder) throw new Error('unterminated placeholder');
    return out;
  };
  return expand(false);
}
