import cytoscape from 'cytoscape';
import type { LineageReport } from './lineage-types';

const FONT = '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", system-ui, sans-serif';

interface EdgeAcc {
  from: string;
  to: string;
  held: Set<string>;
  erased: Set<string>;
  violation: boolean;
}

/** At most three item names on an edge; the tables below the graph list every item. */
function short(items: string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(', ')} +${items.length - 3}` : items.join(', ');
}

/** subject → controller → recipients (→ onward recipients), items on the edges, erased edges dashed. */
export function graphElements(report: LineageReport, labels: { subject: string; consent: string }): cytoscape.ElementDefinition[] {
  const nodes = new Map<string, cytoscape.ElementDefinition>();
  const edges = new Map<string, EdgeAcc>();
  nodes.set('s', { data: { id: 's', label: labels.subject }, classes: 'subject' });
  for (const c of report.controllers) {
    const cid = `p:${c.controller}`;
    nodes.set(cid, { data: { id: cid, label: c.name ?? c.controller }, classes: 'controller' });
    for (const item of c.items) {
      for (const hf of item.holdings) {
        const to = `p:${hf.holder.id}`;
        if (!nodes.has(to)) {
          const foreign = hf.holder.country && hf.holder.country !== 'JP' ? ` (${hf.holder.country})` : '';
          nodes.set(to, { data: { id: to, label: `${hf.holder.name ?? hf.holder.id}${foreign}` }, classes: `${hf.tier}${hf.holder.declared ? '' : ' undeclared'}` });
        }
        let from: string;
        if (hf.acquiredFrom.kind === 'provision') from = `p:${hf.acquiredFrom.provider}`;
        else if (hf.acquiredFrom.source.kind === 'subject') from = 's';
        else {
          from = `src:${hf.acquiredFrom.source.kind}:${hf.acquiredFrom.source.name ?? ''}`;
          if (!nodes.has(from)) nodes.set(from, { data: { id: from, label: hf.acquiredFrom.source.name ?? hf.acquiredFrom.source.kind }, classes: 'source' });
        }
        if (!nodes.has(from)) nodes.set(from, { data: { id: from, label: from.slice(2) }, classes: 'recipient' });
        const key = `${from}>${to}`;
        const e = edges.get(key) ?? { from, to, held: new Set(), erased: new Set(), violation: false };
        (hf.to ? e.erased : e.held).add(item.label ?? item.item);
        edges.set(key, e);
      }
    }
    for (const p of c.provisions) {
      if (!p.violations.length) continue;
      const e = edges.get(`p:${p.from}>p:${p.to.id}`);
      if (e) e.violation = true;
    }
    // A recipient that never confirmed an erasure in time (ERASURE_NOT_PROPAGATED) is a violation too.
    for (const x of c.erasures) {
      for (const o of x.obligations) {
        const e = o.overdue ? edges.get(`p:${c.controller}>p:${o.holder}`) : undefined;
        if (e) e.violation = true;
      }
    }
    for (const a of c.acquisitions) {
      if (!a.violations.length) continue;
      const e = edges.get(`s>p:${a.holder}`);
      if (e) e.violation = true;
    }
  }
  const out: cytoscape.ElementDefinition[] = [...nodes.values()];
  // Before any data was acquired, a consent is the only tie between the subject and a controller.
  for (const c of report.controllers) {
    const cid = `p:${c.controller}`;
    if (c.consents.length && ![...edges.values()].some((e) => e.to === cid)) out.push({ data: { id: `consent>${cid}`, source: 's', target: cid, label: labels.consent }, classes: 'consent' });
  }
  // As of an instant before the first acquisition a controller holds nothing: an invisible edge keeps it
  // in the tier after the subject instead of letting the layout park it as a disconnected root.
  for (const id of nodes.keys()) {
    if (id !== 's' && ![...edges.values()].some((e) => e.to === id)) out.push({ data: { id: `layout:${id}`, source: 's', target: id, label: '' }, classes: 'layout-only' });
  }
  for (const [key, e] of edges) {
    for (const held of e.held) e.erased.delete(held);
    const label = [short([...e.held]), e.erased.size ? `✕ ${short([...e.erased])}` : ''].filter(Boolean).join('\n');
    const classes = [e.held.size === 0 ? 'erased' : '', e.violation ? 'violation' : ''].filter(Boolean).join(' ');
    out.push({ data: { id: key, source: e.from, target: e.to, label }, classes });
  }
  return out;
}

export function drawGraph(container: HTMLElement, elements: cytoscape.ElementDefinition[]): cytoscape.Core {
  const cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    maxZoom: 1.6,
    minZoom: 0.2,
    layout: { name: 'breadthfirst', directed: true, roots: ['s'], spacingFactor: 1.15, padding: 16 },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-family': FONT, 'font-size': 15, 'text-valign': 'bottom', 'text-margin-y': 6, 'text-wrap': 'wrap', 'text-max-width': '140px', width: 30, height: 30, 'background-color': '#3454d1', color: '#1c2333' } },
      { selector: 'node.subject', style: { 'background-color': '#1c2333', shape: 'round-rectangle', width: 40, height: 40, 'font-weight': 'bold' } },
      { selector: 'node.controller', style: { 'background-color': '#3454d1', shape: 'round-rectangle', width: 36, height: 36 } },
      { selector: 'node.recipient', style: { 'background-color': '#0f8b8d' } },
      { selector: 'node.onward', style: { 'background-color': '#7a5cc4' } },
      { selector: 'node.source', style: { 'background-color': '#8a94a6', shape: 'diamond' } },
      { selector: 'node.undeclared', style: { 'border-width': 3, 'border-color': '#c4382b' } },
      { selector: 'edge', style: { label: 'data(label)', 'font-family': FONT, 'font-size': 13, 'text-wrap': 'wrap', 'text-max-width': '200px', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '2px', width: 2, 'line-color': '#5b6578', 'target-arrow-color': '#5b6578', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', color: '#1c2333' } },
      { selector: 'edge.erased', style: { 'line-style': 'dashed', 'line-color': '#b5bcc9', 'target-arrow-color': '#b5bcc9', color: '#6b7385' } },
      { selector: 'edge.consent', style: { 'line-style': 'dotted', 'line-color': '#2f7d5b', 'target-arrow-color': '#2f7d5b', color: '#2f7d5b' } },
      { selector: 'edge.violation', style: { 'line-color': '#c4382b', 'target-arrow-color': '#c4382b', width: 3 } },
      { selector: 'edge.layout-only', style: { opacity: 0, events: 'no' } },
    ],
  });
  // breadthfirst stacks tiers top to bottom; on a wide box, turn it to read left to right so node
  // labels (below nodes) and item labels (on edges) do not collide.
  if (container.clientWidth > 600) {
    cy.nodes().positions((n) => ({ x: n.position('y') * 2.6, y: n.position('x') * 0.7 }));
    cy.fit(undefined, 40);
  } else {
    // Narrow (phone): keep top to bottom, with room between tiers for the item labels.
    cy.nodes().positions((n) => ({ x: n.position('x'), y: n.position('y') * 1.8 }));
    cy.fit(undefined, 16);
  }
  return cy;
}
