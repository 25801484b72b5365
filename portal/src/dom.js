// A tiny DOM builder: elements from tag, attributes and children. Text is always inserted as
// text nodes, never as HTML, because URLs and bodies come from the chain and anyone can write them
// (and, for the same reason, URLs are shown through urlText: escaped, isolated, shortened).
import { displayUrl } from './safeText.js';

/** h('a', {href, class, onclick}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces an element's children, skipping null and false (conditional parts). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

/** A link built from explorer.js's {href, external}, or plain text when there is none. */
export function link(target, text, attrs = {}) {
  if (!target) return h('span', attrs, text);
  return h('a', { ...attrs, href: target.href, target: target.external ? '_blank' : null, rel: target.external ? 'noopener' : null }, text);
}

/**
 * A URL from the chain: escaped (safeText.js), isolated from the text around it, shortened with
 * the full text as its title, or, with `expandable`, in a details toggle that opens on it.
 */
export function urlText(url, { max = 80, expandable = false } = {}) {
  if (url == null) return h('span', { class: 'url' }, '…');
  const shown = displayUrl(url, max);
  const host = shown.asciiHost ? h('span', { class: 'muted small host-note' }, ` (host ${shown.asciiHost})`) : null;
  if (expandable && shown.shortened) {
    return h('details', { class: 'url-full' },
      h('summary', {}, h('span', { class: 'url', dir: 'ltr' }, shown.text), host, h('span', { class: 'muted small' }, ' show all')),
      h('code', { class: 'url', dir: 'ltr' }, shown.full));
  }
  return h('span', {}, h('span', { class: 'url', dir: 'ltr', title: shown.full }, shown.text), host);
}

/** A coloured label. */
export function badge(text, kind = text) {
  return h('span', { class: `badge badge-${kind}` }, text);
}
