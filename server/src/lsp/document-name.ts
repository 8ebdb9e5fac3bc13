/**
 * The file name the core decides a document's kind from (`.snippet`, `.studio`, `.xml`): the URI's
 * decoded path. Untitled documents have no useful name; their language id decides instead.
 */
export function documentNameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
