// A page's string table (embedded by the host in the HTML in VS Code's display language), read once
// before the first paint: translator(keys) gives t(key, ...args) that fills in {0}, {1}, … with
// counts in the display language's digits. The Reassignment panel and the Health Check Report use it.
import { PAGE_STRINGS_ELEMENT_ID, formatPageString, pageStringParts, parseStringTable } from '../shared/pageStrings';

function numberFormat(): Intl.NumberFormat {
  try { return new Intl.NumberFormat(document.documentElement.lang || 'en'); } catch { return new Intl.NumberFormat(); }
}

/** A count as the display language writes it (digits, grouping). */
export function formatCount(n: number): string {
  return numberFormat().format(n);
}

export function translator<K extends string>(keys: readonly K[]): (key: K, ...args: (string | number)[]) => string {
  const strings = parseStringTable(keys, document.getElementById(PAGE_STRINGS_ELEMENT_ID)?.textContent);
  const numbers = numberFormat();
  return (key, ...args) => formatPageString(strings[key] ?? key, args.map((a) => (typeof a === 'number' ? numbers.format(a) : a)));
}

/** As translator, but the text comes as pieces with each argument as given (a Node stays a Node: a name's `<bdi>`). */
export function partsTranslator<K extends string>(keys: readonly K[]): (key: K, ...args: (string | number | Node)[]) => (string | Node)[] {
  const strings = parseStringTable(keys, document.getElementById(PAGE_STRINGS_ELEMENT_ID)?.textContent);
  const numbers = numberFormat();
  return (key, ...args) => pageStringParts(strings[key] ?? key, args.map((a) => (typeof a === 'number' ? numbers.format(a) : a)));
}
