// Tiny DOM helpers for the pages. Text always goes in through textContent (service strings
// may contain markup); attributes are set one by one, never from HTML.

export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * A service name (customer, subscription, offer, reseller): its own `<bdi>`, so a right-to-left
 * override or other bidi control in it cannot reorder the text that follows. Only for raw names:
 * text the host already made plain (U+2068 … U+2069 around a name) is not isolated twice.
 */
export function serviceName(text: string, attrs: Record<string, string | boolean | undefined> = {}): HTMLElement {
  return el('bdi', attrs, text);
}

/** Replaces all children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** A plain button (type="button": the webview has no forms to submit) that calls onClick. */
export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}
