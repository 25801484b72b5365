// Chain text made safe to look at: bidi overrides, isolates, zero-width and control characters
// are shown as \uXXXX escapes, long URLs are shortened in the middle with the full text kept,
// and a look-alike (non-ASCII) host is named as it is called.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayUrl, escapeInvisible, shortenMiddle } from '../src/safeText.js';

describe('escapeInvisible', () => {
  it('shows bidi controls as escapes, so a URL cannot read as another domain', () => {
    const url = 'https://evil.example/\u202Emoc.knab.www//:sptth';
    assert.equal(escapeInvisible(url), 'https://evil.example/\\u202Emoc.knab.www//:sptth');
    for (const ch of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      assert.equal(escapeInvisible(`a${ch}b`), `a\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}b`);
    }
  });

  it('shows zero-width, control and separator characters as escapes', () => {
    assert.equal(escapeInvisible('pay\u200Bpal'), 'pay\\u200Bpal');
    assert.equal(escapeInvisible('a\u0000b\u0007c\u001bd\u007fe\u0085f'), 'a\\u0000b\\u0007c\\u001Bd\\u007Fe\\u0085f');
    assert.equal(escapeInvisible('x\uFEFFy\u2028z\u00ADw'), 'x\\uFEFFy\\u2028z\\u00ADw');
    assert.equal(escapeInvisible('line\nnext\ttab'), 'line\\u000Anext\\u0009tab');
  });

  it('keeps newlines and tabs in bodies when asked, and leaves ordinary text alone', () => {
    assert.equal(escapeInvisible('{"a": 1,\n\t"b": "\u202E"}', { keepLines: true }), '{"a": 1,\n\t"b": "\\u202E"}');
    const plain = 'https://例え.jp/パス?q=ü&x=שלום';
    assert.equal(escapeInvisible(plain), plain);
    assert.equal(escapeInvisible(undefined), '');
  });
});

describe('shortening', () => {
  it('cuts the middle of long text, keeping its start and end', () => {
    assert.equal(shortenMiddle('short', 10), 'short');
    const long = `https://example.com/${'a'.repeat(2_000)}/end`;
    const cut = shortenMiddle(long, 80);
    assert.equal([...cut].length, 80);
    assert.ok(cut.startsWith('https://example.com/'));
    assert.ok(cut.endsWith('/end'));
    assert.ok(cut.includes('…'));
  });

  it('never splits a character made of two UTF-16 units', () => {
    const cut = shortenMiddle('😀'.repeat(100), 11);
    assert.equal([...cut].length, 11);
    assert.ok(!/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/.test(cut.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));
  });
});

describe('displayUrl', () => {
  it('shortens a 2 KB URL and keeps the escaped full text for a title or details', () => {
    const url = `https://example.com/hook?${'x'.repeat(2_000)}\u202E`;
    const shown = displayUrl(url);
    assert.equal(shown.shortened, true);
    assert.equal([...shown.text].length, 80);
    assert.equal(shown.full, `https://example.com/hook?${'x'.repeat(2_000)}\\u202E`);
    assert.ok(shown.text.endsWith('\\u202E'));
  });

  it('names a non-ASCII host as it is called (punycode), and not an ASCII one', () => {
    assert.equal(displayUrl('https://pаypal.com/login').asciiHost, 'xn--pypal-4ve.com'); // Cyrillic а
    assert.equal(displayUrl('https://user@bücher.example:8443/x').asciiHost, 'xn--bcher-kva.example');
    assert.equal(displayUrl('https://example.com/ü').asciiHost, null);
    assert.equal(displayUrl('https://EXAMPLE.com/').asciiHost, null);
    assert.deepEqual(displayUrl('not a url'), { text: 'not a url', full: 'not a url', shortened: false, asciiHost: null });
  });
});
