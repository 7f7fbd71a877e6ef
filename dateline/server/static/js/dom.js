// Building the DOM without markup: every piece of text goes in through textContent, so article
// text, names and quotes can never become HTML. Links to other sites keep http(s) URLs only.

const SVG_NS = 'http://www.w3.org/2000/svg';
const SAFE_ATTRS = /^(class|id|title|role|tabindex|type|value|placeholder|name|for|list|label|hidden|min|max|step|size|checked|selected|disabled|colspan|rel|target|data-[\w-]+|aria-[\w-]+)$/;
const SVG_ATTRS = /^(class|id|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|d|fill|stroke|stroke-width|stroke-opacity|fill-opacity|opacity|transform|viewBox|text-anchor|dominant-baseline|font-size|marker-end|refX|refY|markerWidth|markerHeight|markerUnits|orient|points|tabindex|role|data-[\w-]+|aria-[\w-]+)$/;

function fill(node, attrs, children, allowed) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (key === 'href') {
      const href = internalOrSafe(value);
      if (href) node.setAttribute('href', href);
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (allowed.test(key)) {
      node.setAttribute(key, value === true ? '' : String(value));
    } else {
      throw new Error(`attribute ${key} is not allowed`);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children, SAFE_ATTRS);
}

export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children, SVG_ATTRS);
}

/** A URL of the page itself (#/...) or an http(s) URL; anything else (javascript:, data:) is dropped. */
export function internalOrSafe(url) {
  const text = String(url);
  if (text.startsWith('#/')) return text;
  return safeHref(text);
}

export function safeHref(url) {
  try {
    const u = new URL(String(url), location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Replace the children of `node` (null, undefined and false children are left out). */
export function setContent(node, ...children) {
  clear(node);
  return fill(node, {}, children, SAFE_ATTRS);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function link(hash, ...children) {
  return el('a', { href: hash }, ...children);
}

/** An outside link when the URL is http(s), else the URL as plain text. */
export function outsideLink(url, label) {
  const href = url ? safeHref(url) : null;
  if (!href) return url ? el('span', { class: 'muted' }, String(url)) : null;
  return el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label || href);
}
