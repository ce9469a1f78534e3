import { getJson } from './api';
import { setControllerRegimes } from './i18n';
import type { PolicyVersionView } from './types';

let cached: Promise<PolicyVersionView[]> | undefined;

/** The newest version of every controller's policy: names for ids in every view. */
export function latestPolicies(fresh = false): Promise<PolicyVersionView[]> {
  if (!cached || fresh) {
    cached = getJson<{ items: PolicyVersionView[] }>('/v1/policies').then((r) => {
      setControllerRegimes(r.items.map((p) => ({ controller: p.controller, regime: p.document.regime })));
      return r.items;
    });
    cached.catch(() => (cached = undefined));
  }
  return cached;
}

/** Controller and recipient display names by id, from the newest policies. */
export async function partyNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    for (const p of await latestPolicies()) {
      names.set(p.controller, p.document.name);
      for (const r of p.document.recipients) if (!names.has(r.id)) names.set(r.id, r.name);
    }
  } catch {
    // without policies the page shows raw ids
  }
  return names;
}

/** Loads the policies once so that times show in each controller's zone; without them, in UTC. */
export async function loadDisplayZones(): Promise<void> {
  await latestPolicies().catch(() => undefined);
}
