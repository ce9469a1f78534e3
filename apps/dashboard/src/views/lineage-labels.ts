import type { ControllerLineage } from '../lineage-types';

/** Item, purpose and party names of one controller's policy, so that no table shows a raw id. */
export interface Labels {
  item: (id: string) => string;
  items: (ids: string[]) => string;
  purposes: (ids: string[]) => string;
  party: (id: string) => string;
}

export function labelsOf(c: ControllerLineage): Labels {
  const items = new Map(c.items.map((i) => [i.item, i.label ?? i.item]));
  const purposes = new Map((c.terms?.purposes ?? []).map((p) => [p.id, p.label]));
  const parties = new Map<string, string>([[c.controller, c.name ?? c.controller]]);
  for (const r of c.terms?.recipients ?? []) parties.set(r.id, r.name ?? r.id);
  for (const p of c.provisions) parties.set(p.to.id, p.to.name ?? p.to.id);
  for (const it of c.items) for (const hf of it.holdings) parties.set(hf.holder.id, hf.holder.name ?? hf.holder.id);
  const item = (id: string) => items.get(id) ?? id;
  return {
    item,
    items: (ids) => ids.map(item).join(', '),
    purposes: (ids) => ids.map((id) => purposes.get(id) ?? id).join(', '),
    party: (id) => parties.get(id) ?? id,
  };
}
