import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import type { LineageReport } from './lineage-types';

cytoscape.use(dagre);

const FONT = '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", system-ui, sans-serif';
const LABEL_FONT_PX = 13;
const LINE_PX = 18;

interface FlowAcc {
  from: string;
  to: string;
  held: Set<string>;
  erased: Set<string>;
  codes: Set<string>;
}

export interface GraphLabels {
  subject: string;
  consent: string;
  /** A violation code in the page's language. */
  code: (code: string) => string;
}

/** At most three item names per line; the tables beside the graph list every item. */
function short(items: string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(', ')} +${items.length - 3}` : items.join(', ');
}

/**
 * subject → controller → recipients (→ onward recipients). What travelled along a flow (items held,
 * ✕ items erased, ⚠ the rules it broke) is a node of its own between the two parties, so the layered
 * layout gives it room: no label ever sits on another.
 */
export function graphElements(report: LineageReport, labels: GraphLabels): cytoscape.ElementDefinition[] {
  const nodes = new Map<string, cytoscape.ElementDefinition>();
  const flows = new Map<string, FlowAcc>();
  const flow = (from: string, to: string) => {
    const key = `${from}>${to}`;
    const f = flows.get(key) ?? { from, to, held: new Set(), erased: new Set(), codes: new Set() };
    flows.set(key, f);
    return f;
  };
  nodes.set('s', { data: { id: 's', label: labels.subject }, classes: 'party subject' });
  for (const c of report.controllers) {
    const cid = `p:${c.controller}`;
    nodes.set(cid, { data: { id: cid, label: c.name ?? c.controller }, classes: 'party controller' });
    for (const item of c.items) {
      for (const hf of item.holdings) {
        const to = `p:${hf.holder.id}`;
        if (!nodes.has(to)) {
          const foreign = hf.holder.country && hf.holder.country !== 'JP' ? ` (${hf.holder.country})` : '';
          nodes.set(to, {
            data: { id: to, label: `${hf.holder.name ?? hf.holder.id}${foreign}` },
            classes: `party ${hf.tier}${hf.holder.declared ? '' : ' undeclared'}`,
          });
        }
        let from: string;
        if (hf.acquiredFrom.kind === 'provision') from = `p:${hf.acquiredFrom.provider}`;
        else if (hf.acquiredFrom.source.kind === 'subject') from = 's';
        else {
          from = `src:${hf.acquiredFrom.source.kind}:${hf.acquiredFrom.source.name ?? ''}`;
          if (!nodes.has(from))
            nodes.set(from, { data: { id: from, label: hf.acquiredFrom.source.name ?? hf.acquiredFrom.source.kind }, classes: 'party source' });
        }
        if (!nodes.has(from)) nodes.set(from, { data: { id: from, label: from.slice(2) }, classes: 'party recipient' });
        (hf.to ? flow(from, to).erased : flow(from, to).held).add(item.label ?? item.item);
      }
    }
    for (const p of c.provisions) for (const v of p.violations) flows.get(`p:${p.from}>p:${p.to.id}`)?.codes.add(v.code);
    for (const a of c.acquisitions) for (const v of a.violations) flows.get(`s>p:${a.holder}`)?.codes.add(v.code);
    // A recipient that never confirmed an erasure in time broke a rule on the flow that gave it the data.
    for (const x of c.erasures) for (const o of x.obligations) if (o.overdue) flows.get(`p:${c.controller}>p:${o.holder}`)?.codes.add('ERASURE_NOT_PROPAGATED');
  }
  const out: cytoscape.ElementDefinition[] = [...nodes.values()];
  const reached = new Set([...flows.values()].map((f) => f.to));
  // Before any data was acquired, a consent is the only tie between the subject and a controller.
  for (const c of report.controllers) {
    const cid = `p:${c.controller}`;
    if (c.consents.length && !reached.has(cid)) {
      out.push(...through('s', cid, labels.consent, 'consent'));
      reached.add(cid);
    }
  }
  // As of an instant before the first acquisition a controller holds nothing: an invisible edge keeps it
  // in the rank after the subject instead of letting the layout park it as a disconnected root.
  for (const id of nodes.keys())
    if (id !== 's' && !reached.has(id)) out.push({ data: { id: `layout:${id}`, source: 's', target: id }, classes: 'layout-only' });
  for (const f of flows.values()) {
    for (const held of f.held) f.erased.delete(held);
    const lines = [
      f.held.size ? short([...f.held]) : '',
      f.erased.size ? `✕ ${short([...f.erased])}` : '',
      ...[...f.codes].map((c) => `⚠ ${labels.code(c)}`),
    ].filter(Boolean);
    const classes = [f.held.size === 0 ? 'erased' : '', f.codes.size ? 'violation' : ''].filter(Boolean).join(' ');
    out.push(...through(f.from, f.to, lines.join('\n'), classes));
  }
  return out;
}

/** A flow drawn as from → label → to; the label node's box is sized to its text before layout. */
function through(from: string, to: string, text: string, classes: string): cytoscape.ElementDefinition[] {
  const id = `flow:${from}>${to}`;
  const { width, height } = textBox(text);
  return [
    { data: { id, label: text, w: width, h: height }, classes: `flow ${classes}` },
    { data: { id: `${id}:in`, source: from, target: id }, classes: `leg ${classes}` },
    { data: { id: `${id}:out`, source: id, target: to }, classes: `leg out ${classes}` },
  ];
}

let measure: CanvasRenderingContext2D | null | undefined;
function textBox(text: string): { width: number; height: number } {
  measure ??= document.createElement('canvas').getContext('2d');
  if (measure) measure.font = `${LABEL_FONT_PX}px ${FONT}`;
  const lines = text.split('\n');
  const widest = Math.max(...lines.map((l) => measure?.measureText(l).width ?? l.length * LABEL_FONT_PX * 0.7));
  return { width: Math.ceil(widest) + 14, height: lines.length * LINE_PX + 8 };
}

/**
 * Canvas text does not make the browser fetch the web font's subsets (unicode-range) the way page text
 * does: load the ones the labels need before measuring and drawing, so Japanese never draws as empty
 * boxes and each label's box is measured in the font it is drawn in.
 */
export async function loadFontsFor(elements: cytoscape.ElementDefinition[]): Promise<void> {
  const text = [...new Set(elements.map((e) => String(e.data.label ?? '')).join(''))].join('');
  if (!text.trim() || !document.fonts) return;
  await Promise.all([`${LABEL_FONT_PX}px ${FONT}`, `14px ${FONT}`, `bold 14px ${FONT}`].map((f) => document.fonts.load(f, text))).catch(() => undefined);
}

export function drawGraph(container: HTMLElement, elements: cytoscape.ElementDefinition[]): cytoscape.Core {
  const wide = container.clientWidth > 600;
  const cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    maxZoom: 1.6,
    minZoom: 0.2,
    style: [
      {
        selector: 'node.party',
        style: {
          label: 'data(label)',
          'font-family': FONT,
          'font-size': 14,
          'text-valign': 'bottom',
          'text-margin-y': 5,
          'text-wrap': 'wrap',
          'text-max-width': '150px',
          width: 28,
          height: 28,
          'background-color': '#3454d1',
          color: '#1c2333',
        },
      },
      { selector: 'node.subject', style: { 'background-color': '#1c2333', shape: 'round-rectangle', width: 36, height: 36, 'font-weight': 'bold' } },
      { selector: 'node.controller', style: { 'background-color': '#3454d1', shape: 'round-rectangle', width: 34, height: 34 } },
      { selector: 'node.recipient', style: { 'background-color': '#0f8b8d' } },
      { selector: 'node.onward', style: { 'background-color': '#7a5cc4' } },
      { selector: 'node.source', style: { 'background-color': '#8a94a6', shape: 'diamond' } },
      { selector: 'node.undeclared', style: { 'border-width': 3, 'border-color': '#c4382b' } },
      {
        selector: 'node.flow',
        style: {
          label: 'data(label)',
          'font-family': FONT,
          'font-size': LABEL_FONT_PX,
          'text-wrap': 'wrap',
          'text-valign': 'center',
          'text-halign': 'center',
          shape: 'round-rectangle',
          width: 'data(w)',
          height: 'data(h)',
          'background-color': '#ffffff',
          'border-width': 1,
          'border-color': '#b5bcc9',
          color: '#1c2333',
        },
      },
      { selector: 'node.flow.erased', style: { color: '#6b7385', 'border-style': 'dashed' } },
      { selector: 'node.flow.consent', style: { color: '#2f7d5b', 'border-color': '#2f7d5b', 'border-style': 'dotted' } },
      { selector: 'node.flow.violation', style: { color: '#a32a1f', 'border-color': '#c4382b', 'border-width': 2, 'background-color': '#fdf1ef' } },
      { selector: 'edge', style: { width: 2, 'line-color': '#5b6578', 'target-arrow-color': '#5b6578', 'curve-style': 'bezier' } },
      { selector: 'edge.out', style: { 'target-arrow-shape': 'triangle' } },
      { selector: 'edge.erased', style: { 'line-style': 'dashed', 'line-color': '#b5bcc9', 'target-arrow-color': '#b5bcc9' } },
      { selector: 'edge.consent', style: { 'line-style': 'dotted', 'line-color': '#2f7d5b', 'target-arrow-color': '#2f7d5b' } },
      { selector: 'edge.violation', style: { 'line-color': '#c4382b', 'target-arrow-color': '#c4382b', width: 3 } },
      { selector: 'edge.layout-only', style: { opacity: 0, events: 'no' } },
    ],
  });
  // Left to right on a wide box, top to bottom on a phone; node labels are part of each node's box.
  const layout = {
    name: 'dagre',
    rankDir: wide ? 'LR' : 'TB',
    nodeDimensionsIncludeLabels: true,
    nodeSep: 18,
    rankSep: wide ? 36 : 28,
    padding: 16,
  } as cytoscape.LayoutOptions;
  cy.layout(layout).run();
  cy.fit(undefined, 16);
  // Tests and diagnostics read the laid-out graph from its container.
  (container as HTMLElement & { cy?: cytoscape.Core }).cy = cy;
  return cy;
}
