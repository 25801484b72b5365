// Text that comes from the chain (task URLs and bodies, decoded call arguments), made safe to
// look at: anyone can register a task, so a URL may carry bidi controls (U+202E turns
// "https://evil.example/‮moc.knab" into what reads as another domain), invisible or control
// characters, or run to 2 KB. Those characters are shown as visible \uXXXX escapes, and long
// text is shortened in the middle (the full text goes in a title or a details toggle). DOM-free,
// so it is tested in node; the views also isolate such text (dir="ltr", unicode-bidi: isolate).

// C0 and C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width and
// bidi marks, embeddings, overrides and isolates, line/paragraph separators, invisible operators,
// BOM, interlinear annotation.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const INVISIBLE_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const escape = (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `text` with every control, bidi and invisible character shown as a \uXXXX escape.
 * @param {string} text
 * @param {{keepLines?: boolean}} [options] keepLines: leave \n and \t as they are (request bodies)
 */
export function escapeInvisible(text, { keepLines = false } = {}) {
  return String(text ?? '').replace(keepLines ? INVISIBLE_BUT_LINES : INVISIBLE, escape);
}

/** `text` cut to `max` characters (code points) by dropping its middle for "…". */
export function shortenMiddle(text, max) {
  const chars = [...String(text ?? '')];
  if (chars.length <= max) return chars.join('');
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/**
 * How a URL from the chain is shown.
 * @param {string} url as registered
 * @param {number} [max] longest shown text
 * @returns {{text: string, full: string, shortened: boolean, asciiHost: string | null}}
 *   text: escaped and shortened; full: escaped; asciiHost: the host as it is called (punycode),
 *   when that differs from how it is written (a look-alike name)
 */
export function displayUrl(url, max = 80) {
  const full = escapeInvisible(url);
  const text = shortenMiddle(full, max);
  let asciiHost = null;
  try {
    const parsed = new URL(url);
    const written = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1]?.replace(/^[^@]*@/, '').replace(/:\d*$/, '');
    if (written && parsed.hostname !== written.toLowerCase()) asciiHost = parsed.hostname;
  } catch {
    // not a URL: shown as text; the proxy refuses it (status 0)
  }
  return { text, full, shortened: text !== full, asciiHost };
}
