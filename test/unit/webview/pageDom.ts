// Just enough DOM to run the editor page's bundle under Node: elements, text nodes, attributes,
// events, getElementById and `tag[attr]` selectors. The page is bundled from src/webview/page with
// esbuild (as esbuild.mjs does) and run in a vm context with a fake acquireVsCodeApi.
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';
import type { HostMessage, PageMessage } from '../../../src/webview/shared/protocol';

export class FakeNode {
  parentNode: FakeElement | null = null;
  readonly childNodes: FakeNode[] = [];
  get textContent(): string { return this.childNodes.map((c) => c.textContent).join(''); }
  set textContent(text: string) { this.replaceChildren(...(text === '' ? [] : [new FakeText(text)])); }
  appendChild<T extends FakeNode>(child: T): T {
    child.remove();
    child.parentNode = this as unknown as FakeElement;
    this.childNodes.push(child);
    return child;
  }
  replaceChildren(...children: FakeNode[]): void {
    for (const c of [...this.childNodes]) c.remove();
    for (const c of children) this.appendChild(c);
  }
  remove(): void {
    const p = this.parentNode;
    if (!p) return;
    p.childNodes.splice(p.childNodes.indexOf(this), 1);
    this.parentNode = null;
  }
  replaceWith(node: FakeNode): void {
    const p = this.parentNode;
    if (!p) return;
    node.remove();
    p.childNodes.splice(p.childNodes.indexOf(this), 1, node);
    node.parentNode = p;
    this.parentNode = null;
  }
  contains(node: FakeNode | null): boolean {
    for (let n: FakeNode | null = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
  after(...nodes: FakeNode[]): void {
    const p = this.parentNode;
    if (!p) return;
    for (const n of nodes) n.remove();
    p.childNodes.splice(p.childNodes.indexOf(this) + 1, 0, ...nodes);
    for (const n of nodes) n.parentNode = p;
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) { super(); }
  override get textContent(): string { return this.data; }
  override set textContent(text: string) { this.data = text; }
}

export interface FakeEvent { type: string; target: FakeElement; key?: string; defaultPrevented: boolean; preventDefault(): void; stopPropagation(): void }

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  private readonly listeners = new Map<string, ((e: FakeEvent) => void)[]>();
  value = '';
  checked = false;
  disabled = false;
  readOnly = false;
  // Layout, for the Reassignment page's virtual grid: nothing is laid out here.
  indeterminate = false;
  scrollTop = 0;
  clientHeight = 0;
  offsetHeight = 0;
  readonly style: Record<string, string> = {};
  readonly classList = {
    add: (name: string): void => this.classList.toggle(name, true),
    toggle: (name: string, on?: boolean): void => {
      const set = new Set((this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
      if (on ?? !set.has(name)) set.add(name); else set.delete(name);
      this.setAttribute('class', [...set].join(' '));
    },
  };
  constructor(readonly tagName: string) { super(); }
  get id(): string { return this.getAttribute('id') ?? ''; }
  set id(value: string) { this.setAttribute('id', value); }
  focus(): void { /* no focus here */ }
  get hidden(): boolean { return this.attributes.has('hidden'); }
  set hidden(on: boolean) { if (on) this.setAttribute('hidden', ''); else this.removeAttribute('hidden'); }
  get lang(): string { return this.getAttribute('lang') ?? ''; }
  setAttribute(name: string, value: string): void { this.attributes.set(name, String(value)); }
  getAttribute(name: string): string | null { return this.attributes.get(name) ?? null; }
  removeAttribute(name: string): void { this.attributes.delete(name); }
  hasAttribute(name: string): boolean { return this.attributes.has(name); }
  addEventListener(type: string, listener: (e: FakeEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** Runs this element's listeners (no bubbling); `target` defaults to this element. */
  dispatch(type: string, init: { key?: string; target?: FakeElement } = {}): FakeEvent {
    const event: FakeEvent = {
      type, target: init.target ?? this, key: init.key, defaultPrevented: false,
      preventDefault() { this.defaultPrevented = true; }, stopPropagation() { /* no bubbling here */ },
    };
    for (const l of this.listeners.get(type) ?? []) l(event);
    return event;
  }
  click(): void { if (!this.disabled) this.dispatch('click'); }
  scrollIntoView(): void { /* nothing to scroll */ }
  matches(selector: string): boolean {
    const m = /^([a-z0-9]*)((?:\[[a-z-]+(?:="[^"]*")?\])*)$/.exec(selector);
    if (!m) throw new Error(`Unsupported selector ${selector}`);
    if (m[1] && m[1] !== this.tagName) return false;
    return [...m[2].matchAll(/\[([a-z-]+)(?:="([^"]*)")?\]/g)].every(([, name, value]) =>
      this.hasAttribute(name) && (value === undefined || this.getAttribute(name) === value));
  }
  closest(selector: string): FakeElement | null {
    if (this.matches(selector)) return this;
    return this.parentNode?.closest(selector) ?? null;
  }
  querySelectorAll(selector: string): FakeElement[] {
    return descendants(this).filter((e) => e.matches(selector));
  }
  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
}

export function descendants(e: FakeElement): FakeElement[] {
  return e.childNodes.flatMap((c) => (c instanceof FakeElement ? [c, ...descendants(c)] : []));
}

export class FakeDocument {
  readonly documentElement = new FakeElement('html');
  readonly body = new FakeElement('body');
  constructor() { this.documentElement.appendChild(this.body); }
  createElement(tag: string): FakeElement { return new FakeElement(tag); }
  createTextNode(text: string): FakeText { return new FakeText(text); }
  getElementById(id: string): FakeElement | null {
    return descendants(this.documentElement).find((e) => e.id === id) ?? null;
  }
}

const bundled = new Map<string, string>();
/** A page script, bundled like dist/webview/<page>.js (once per test process). */
export function pageBundle(page: 'editor' | 'reassign' = 'editor'): string {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  let text = bundled.get(page);
  if (text === undefined) {
    text = buildSync({
      entryPoints: [path.join(root, 'src', 'webview', 'page', `${page}.ts`)],
      bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent',
    }).outputFiles[0].text;
    bundled.set(page, text);
  }
  return text;
}

export interface RunningReassignPage {
  document: FakeDocument;
  sent: unknown[];
  receive(message: unknown): void;
}

/** The Reassignment panel's page (src/webview/page/reassign.ts) in the same small DOM. */
export function startReassignPage(tableJson: string): RunningReassignPage {
  const document = new FakeDocument();
  document.documentElement.setAttribute('lang', 'en');
  const app = document.body.appendChild(document.createElement('main'));
  app.setAttribute('id', 'app');
  const data = document.body.appendChild(document.createElement('script'));
  data.setAttribute('type', 'application/json');
  data.setAttribute('id', 'pc-l10n');
  data.textContent = tableJson;
  const sent: unknown[] = [];
  const listeners: ((e: { data: unknown }) => void)[] = [];
  const context = vm.createContext({
    document: Object.assign(document, { activeElement: null }),
    window: { addEventListener: (type: string, l: (e: { data: unknown }) => void) => { if (type === 'message') listeners.push(l); } },
    acquireVsCodeApi: () => ({ postMessage: (m: unknown) => { sent.push(JSON.parse(JSON.stringify(m))); } }),
    performance: { now: () => 0 },
    requestAnimationFrame: () => 1,
    console,
  });
  vm.runInContext(pageBundle('reassign'), context, { filename: 'reassign.js' });
  return { document, sent, receive: (message) => { for (const l of listeners) l({ data: JSON.parse(JSON.stringify(message)) }); } };
}

export interface RunningPage {
  document: FakeDocument;
  /** What the page posted to the host. */
  sent: PageMessage[];
  /** Delivers a host message to the page. */
  receive(message: HostMessage): void;
  byId(id: string): FakeElement;
}

/**
 * Starts the page in a document whose body holds what html.ts renders: main#app with the heading
 * and the loading text, then the string table's JSON (its raw text, as a script element holds it).
 */
export function startPage(options: { lang: string; tableJson: string; loadingText: string; title: string; state?: unknown }): RunningPage {
  const document = new FakeDocument();
  document.documentElement.setAttribute('lang', options.lang);
  const app = document.createElement('main');
  app.setAttribute('id', 'app');
  app.setAttribute('aria-busy', 'true');
  const heading = app.appendChild(document.createElement('h1'));
  heading.setAttribute('id', 'heading');
  heading.textContent = options.title;
  const loading = app.appendChild(document.createElement('p'));
  loading.setAttribute('id', 'loading');
  loading.setAttribute('role', 'status');
  loading.textContent = options.loadingText;
  document.body.appendChild(app);
  const data = document.body.appendChild(document.createElement('script'));
  data.setAttribute('type', 'application/json');
  data.setAttribute('id', 'pc-l10n');
  data.textContent = options.tableJson;

  const sent: PageMessage[] = [];
  const messageListeners: ((e: { data: unknown }) => void)[] = [];
  let state = options.state;
  const context = vm.createContext({
    document,
    window: { addEventListener: (type: string, l: (e: { data: unknown }) => void) => { if (type === 'message') messageListeners.push(l); } },
    acquireVsCodeApi: () => ({
      postMessage: (m: PageMessage) => { sent.push(JSON.parse(JSON.stringify(m)) as PageMessage); },
      getState: () => state,
      setState: (s: unknown) => { state = JSON.parse(JSON.stringify(s)); },
    }),
    crypto: { getRandomValues: <T extends Uint32Array>(a: T): T => { for (let i = 0; i < a.length; i++) a[i] = Math.floor(Math.random() * 2 ** 32); return a; } },
    console,
  });
  vm.runInContext(pageBundle(), context, { filename: 'editor.js' });
  return {
    document, sent,
    receive: (message) => { for (const l of messageListeners) l({ data: JSON.parse(JSON.stringify(message)) }); },
    byId: (id) => {
      const e = document.getElementById(id);
      if (!e) throw new Error(`#${id} is not on the page`);
      return e;
    },
  };
}

/** Everything a person (or a screen reader) gets from the page: text nodes and labelling attributes. */
export function visibleTexts(document: FakeDocument): string[] {
  const out: string[] = [];
  const walk = (n: FakeNode): void => {
    if (n instanceof FakeText) { if (n.data.trim() !== '') out.push(n.data); return; }
    if (!(n instanceof FakeElement) || n.tagName === 'script') return;
    for (const a of ['aria-label', 'placeholder', 'title', 'alt', 'aria-description']) {
      const v = n.getAttribute(a);
      if (v !== null && v.trim() !== '') out.push(v);
    }
    if (n.tagName === 'input' && n.value !== '' && n.getAttribute('type') === 'button') out.push(n.value);
    // A sentence with a name in it (text and <bdi> pieces) is read as the one text it is.
    const inline = n.childNodes.every((c) => c instanceof FakeText || (c instanceof FakeElement && c.tagName === 'bdi' && c.childNodes.every((t) => t instanceof FakeText)));
    if (inline && n.childNodes.some((c) => c instanceof FakeText && c.data.trim() !== '') && n.childNodes.some((c) => c instanceof FakeElement)) {
      out.push(n.textContent);
      return;
    }
    for (const c of n.childNodes) walk(c);
  };
  walk(document.documentElement);
  return out;
}

/** Every text node under `root`, with its element ancestors. */
function textNodes(root: FakeElement): { text: string; ancestors: FakeElement[] }[] {
  const out: { text: string; ancestors: FakeElement[] }[] = [];
  const walk = (n: FakeElement, ancestors: FakeElement[]): void => {
    for (const c of n.childNodes) {
      if (c instanceof FakeElement) walk(c, [...ancestors, c]);
      else if (c instanceof FakeText) out.push({ text: c.data, ancestors });
    }
  };
  walk(root, [root]);
  return out;
}

/**
 * A right-to-left override in a name cannot reorder what follows: each text with one sits in a
 * `<bdi>` that holds exactly that name, and nothing is isolated twice (no U+2068/U+2069 inside).
 */
export function assertNamesIsolated(root: FakeElement, names: readonly string[]): void {
  for (const { text, ancestors } of textNodes(root)) {
    if (!text.includes('\u202e')) continue;
    const bdi = ancestors.filter((a) => a.tagName === 'bdi');
    assert.equal(bdi.length, 1, `${JSON.stringify(text)} is not in exactly one <bdi> (${bdi.length})`);
    assert.equal(bdi[0].textContent, text, `the <bdi> holds more than the name: ${JSON.stringify(bdi[0].textContent)}`);
    assert.ok(names.includes(text), `${JSON.stringify(text)} is not one of the names`);
    assert.ok(!/[\u2068\u2069]/.test(text), `${JSON.stringify(text)} is isolated twice`);
  }
}
