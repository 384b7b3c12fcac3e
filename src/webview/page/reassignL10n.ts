// The Reassignment page's strings: the table the host embedded in the HTML, read once before the
// first paint. t(key, ...args) fills in {0}, {1}, …; counts use the display language's digits.
import { PAGE_STRINGS_ELEMENT_ID, formatPageString, pageStringParts, parseStringTable } from '../shared/pageStrings';
import { REASSIGN_STRING_KEYS, type ReassignStringKey } from '../shared/reassignStrings';

const strings = parseStringTable(REASSIGN_STRING_KEYS, document.getElementById(PAGE_STRINGS_ELEMENT_ID)?.textContent);
const lang = document.documentElement.lang || 'en';
let numbers: Intl.NumberFormat;
try { numbers = new Intl.NumberFormat(lang); } catch { numbers = new Intl.NumberFormat(); }

export function t(key: ReassignStringKey, ...args: (string | number)[]): string {
  return formatPageString(strings[key] ?? key, args.map((a) => (typeof a === 'number' ? numbers.format(a) : a)));
}

/** The text of a key as pieces, {n} replaced by args[n] as given (a service name as its `<bdi>`: dom.ts name()). */
export function tParts(key: ReassignStringKey, ...args: (string | number | Node)[]): (string | Node)[] {
  return pageStringParts(strings[key] ?? key, args.map((a) => (typeof a === 'number' ? numbers.format(a) : a)));
}
