import * as assert from 'node:assert/strict';
import { escapeXmlText } from '../../../server/src/syntax/export/xml-escape';

describe('escapeXmlText', () => {
  it('escapes &, < and > the way Studio writes snippet code', () => {
    assert.equal(
      escapeXmlText('IF proxy.StatusCode >= 200 & proxy.StatusCode < 300'),
      'IF proxy.StatusCode &gt;= 200 &amp; proxy.StatusCode &lt; 300',
    );
  });

  it('keeps quotes, apostrophes, braces and line breaks literal', () => {
    const code = 'ASSIGN body = "{\'a\'}"\r\nTRACE "done"\n';
    assert.equal(escapeXmlText(code), code);
  });

  it('escapes an existing entity-looking text so it round-trips', () => {
    assert.equal(escapeXmlText('x = "&amp;"'), 'x = "&amp;amp;"');
  });

  it('never produces "]]>", which XML forbids in element text', () => {
    assert.equal(escapeXmlText('a[b[1]]>2'), 'a[b[1]]&gt;2');
  });
});
