import type { AshiatoEvent, PolicyDocument } from '@ashiato/domain';
import type { EventStore } from '@ashiato/event-store';

/**
 * For each controller named by `events` that has published a policy: every item id any version
 * declares, read from the controller's policy stream (a handful of versions). `cache` keeps
 * the answer for the rest of a file being ingested.
 */
export async function declaredItems(
  store: EventStore,
  events: readonly AshiatoEvent[],
  cache = new Map<string, Set<string> | null>(),
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const controllers = new Set<string>();
  for (const e of events) if ('controller' in e && typeof e.controller === 'string') controllers.add(e.controller);
  for (const controller of controllers) {
    let items = cache.get(controller);
    if (items === undefined) {
      const versions = await store.readStream(`policy-${controller}`);
      items = versions.length ? new Set(versions.flatMap((v) => ((v.data as { policy?: PolicyDocument }).policy?.items ?? []).map((i) => i.id))) : null;
      cache.set(controller, items);
    }
    if (items) out.set(controller, items);
  }
  return out;
}
