// The Health Check Report's charts: horizontal bars in plain SVG, drawn by the page from the data
// (no library, nothing inline: colours come from the stylesheet's theme variables). Labels go in with
// textContent; a long label is shortened and keeps its full text in a <title>.
import type { ChartBar } from '../shared/healthProtocol';
import { el } from './dom';
import { t } from './healthL10n';
import { formatCount } from './tableL10n';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const LABEL = 200;
const BAR = 18;
const GAP = 6;
const MAX_LABEL = 30;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const shorten = (s: string): string => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/** A figure with a caption and one bar per entry (largest first, as given). */
export function barChart(id: string, caption: string, bars: readonly ChartBar[], tone: string): HTMLElement {
  const figure = el('figure', { class: 'chart', id }, el('figcaption', {}, caption));
  if (bars.length === 0) {
    figure.append(el('p', { class: 'empty' }, t('chartEmpty')));
    return figure;
  }
  const max = Math.max(...bars.map((b) => b.count));
  const height = bars.length * (BAR + GAP);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': `${caption}: ${bars.map((b) => t('chartBar', b.label, b.count)).join('; ')}`, class: `bars ${tone}` });
  bars.forEach((b, n) => {
    const y = n * (BAR + GAP);
    const w = Math.max(2, Math.round(((WIDTH - LABEL - 60) * b.count) / max));
    const g = svg('g', { class: 'bar' });
    g.append(svg('title', {}, t('chartBar', b.label, b.count)));
    g.append(svg('text', { x: LABEL - 8, y: y + BAR - 5, 'text-anchor': 'end', class: 'label' }, shorten(b.label)));
    g.append(svg('rect', { x: LABEL, y, width: w, height: BAR, rx: 2, class: 'fill' }));
    g.append(svg('text', { x: LABEL + w + 6, y: y + BAR - 5, class: 'count' }, formatCount(b.count)));
    chart.append(g);
  });
  figure.append(chart);
  return figure;
}
