// The page's strings: the table the host embedded in the HTML in VS Code's display language, read
// once, synchronously, before the first paint. t(key, ...args) fills in {0}, {1}, …; counts are
// written with the language's digits and choose their "one" or "other" message.
import { PAGE_STRINGS_ELEMENT_ID, formatPageString, pageStringParts, parsePageStrings, type PageStringKey } from '../shared/pageStrings';

const strings = parsePageStrings(document.getElementById(PAGE_STRINGS_ELEMENT_ID)?.textContent);
const lang = document.documentElement.lang || 'en';

function orDefault<T>(make: (locale?: string) => T): T {
  try { return make(lang); } catch { return make(); } // a tag Intl does not know
}
const numbers = orDefault((locale) => new Intl.NumberFormat(locale));
const plurals = orDefault((locale) => new Intl.PluralRules(locale));

/** The text of a key, with {n} replaced by args[n]. A key the table lacks shows as itself. */
export function t(key: PageStringKey, ...args: string[]): string {
  return formatPageString(strings[key] ?? key, args);
}

/** The text of a key as pieces, with {n} replaced by args[n] as given (a service name as its `<bdi>`: dom.ts name()). */
export function tParts(key: PageStringKey, ...args: (string | Node)[]): (string | Node)[] {
  return pageStringParts(strings[key] ?? key, args);
}

/** A count as the display language writes it (digits, grouping). */
export function count(n: number): string {
  return numbers.format(n);
}

/** The key of the message for n things: `one` where the language uses its singular form for n, else `other`. */
export function pluralKey(n: number, one: PageStringKey, other: PageStringKey): PageStringKey {
  return plurals.select(n) === 'one' ? one : other;
}
