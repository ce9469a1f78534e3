import { isSubjectEvent, type AshiatoEvent } from './events';

/**
 * Warnings of an accepted ingest: the event is stored (the flow happened, whatever the records say)
 * but someone should look. Stable codes; messages name fields, never their values.
 */
export const INGEST_WARNING_CODES = ['UNKNOWN_CONTROLLER', 'UNKNOWN_ITEM', 'OCCURRED_IN_FUTURE'] as const;
export type IngestWarningCode = (typeof INGEST_WARNING_CODES)[number];

export interface IngestWarning {
  code: IngestWarningCode;
  /** Index of the event in the batch (0-based). */
  index: number;
  /** JSON path of the field, e.g. `items[1]`. */
  path: string;
  message: string;
}

/** Per controller that published a policy, every item id any version of it declares. */
export type DeclaredItems = ReadonlyMap<string, ReadonlySet<string>>;

export interface IngestWarningOptions {
  /** The server's clock. */
  now: Date;
  /** How far past `now` an occurredAt may lie before it is flagged (clock skew of the sender). */
  futureSkewMs: number;
  /** The batch index of each event, when `events` is a slice of a larger input. */
  indexes?: readonly number[];
}

/**
 * - UNKNOWN_CONTROLLER: a subject event of a controller with no published policy (neither stored nor
 *   earlier in the same batch); every flow of it will be POLICY_MISSING.
 * - UNKNOWN_ITEM: an item no version of the controller's policy declares (a typo, or a policy to update).
 * - OCCURRED_IN_FUTURE: occurredAt later than now + futureSkewMs (a wrong year or time zone).
 */
export function ingestWarnings(events: readonly AshiatoEvent[], declared: DeclaredItems, options: IngestWarningOptions): IngestWarning[] {
  const known = new Map<string, Set<string>>();
  const itemsOf = (controller: string): ReadonlySet<string> | undefined => known.get(controller) ?? declared.get(controller);
  const latest = options.now.getTime() + options.futureSkewMs;
  const out: IngestWarning[] = [];
  events.forEach((event, i) => {
    const index = options.indexes?.[i] ?? i;
    if (Date.parse(event.occurredAt) > latest) {
      out.push({
        code: 'OCCURRED_IN_FUTURE',
        index,
        path: 'occurredAt',
        message: 'occurredAt lies in the future beyond the allowed clock skew (ASHIATO_FUTURE_SKEW); the event was stored',
      });
    }
    if (event.type === 'PolicyPublished') {
      const items = new Set(declared.get(event.controller) ?? []);
      for (const it of event.policy.items ?? []) items.add(it.id);
      known.set(event.controller, items);
      return;
    }
    if (!isSubjectEvent(event)) return;
    const items = itemsOf(event.controller);
    if (!items) {
      out.push({
        code: 'UNKNOWN_CONTROLLER',
        index,
        path: 'controller',
        message: 'no policy has been published for this controller; the event was stored and its flows are judged POLICY_MISSING',
      });
      return;
    }
    (('items' in event ? event.items : undefined) ?? []).forEach((item, k) => {
      if (!items.has(item))
        out.push({
          code: 'UNKNOWN_ITEM',
          index,
          path: `items[${k}]`,
          message: 'no version of the controller’s policy declares this item; the event was stored',
        });
    });
  });
  return out;
}
