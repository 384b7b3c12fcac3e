// Following links.next: a chain that comes back to a page it already served (A → B → A, or a page
// that points at itself) is a broken answer, not a longer list. It stops with a service error instead
// of paging forever or handing back the same items again.

import * as l10n from '@vscode/l10n';
import { resolveUrl } from './caller';
import { PartnerCenterError } from './errors';
import type { Link } from './models';

/** One page to read: its link and the headers the link carries (e.g. MS-ContinuationToken). */
export interface PageRef { uri: string; headers: Record<string, string> }

export function pageRef(link: Link | undefined): PageRef | undefined {
  return link ? { uri: link.uri, headers: Object.fromEntries(link.headers.map((h) => [h.key, h.value])) } : undefined;
}

/**
 * What identifies a page: its continuation token when it has one (the real service sends the same
 * next URI with a new token each time), else the link itself ("/customers?…" and "/v1/customers?…"
 * are the same page).
 */
function pageKey(ref: PageRef): string {
  const token = Object.entries(ref.headers).find(([k]) => k.toLowerCase() === 'ms-continuationtoken')?.[1];
  return token ? `token ${token}` : `link ${resolveUrl('', ref.uri)}`;
}

/** The pages of one listing read so far. */
export class PageChain {
  private readonly seen = new Set<string>();

  /** `maxPages`: a chain longer than this is refused rather than cut short (a truncated list is not success). */
  constructor(private readonly maxPages = Number.POSITIVE_INFINITY) {}

  /** Call before reading each page; throws when the chain already read it or has grown too long. */
  visit(ref: PageRef): void {
    const key = pageKey(ref);
    if (this.seen.has(key)) {
      throw new PartnerCenterError('service', l10n.t('Partner Center sent a next-page link back to page {0}, which it had already sent: paging stopped so the list is not repeated.', this.pageNumberOf(key)), { malformed: true });
    }
    if (this.seen.size >= this.maxPages) {
      throw new PartnerCenterError('service', l10n.t('Partner Center sent more than {0} pages for one list: paging stopped.', this.maxPages), { malformed: true });
    }
    this.seen.add(key);
  }

  private pageNumberOf(key: string): number {
    return [...this.seen].indexOf(key) + 1;
  }
}
