import {
  formatPath,
  INGESTIBLE_EVENT_SCHEMAS,
  INGESTIBLE_EVENT_TYPES,
  schemaProblems,
  SUBJECT_EVENT_TYPES,
  validatePolicy,
  type AshiatoEvent,
  type IngestibleEventType,
} from '@ashiato/domain';
import type { FieldError } from '../errors/api-error';
import type { SubjectHasher, SubjectIdentifier } from '../identity/subject-hasher';

/**
 * The one validator of incoming events, shared by `POST /v1/events` and `ashiato ingest`.
 * It reports every bad field of every event as `{index, path, message}` (paths relative to the
 * event: `items[0]`, `window.from`, `policy.items[2].id`) and, for valid events, replaces a raw
 * `subject` identifier by its keyed HMAC `subjectRef`. Messages never quote the offending value.
 */
export interface PreparedBatch {
  events: AshiatoEvent[];
  /** With `texts`: per event, the JSON text it was parsed from, or undefined where pseudonymising changed it. */
  json?: (string | undefined)[];
  errors: FieldError[];
  /** The input index of each event in `events`. */
  indexes: number[];
}

export interface PrepareOptions {
  /** Index of the first item (a CLI batch continues the numbering of its file). */
  firstIndex?: number;
  /** The index of each item, when they are not consecutive (the CLI leaves out malformed lines). */
  indexes?: readonly number[];
  /** eventIds already seen in earlier batches of the same upload: a repeat is reported, not stored twice. */
  seenEventIds?: Map<string, number>;
  /** The JSON text of each item, as parsed: valid events that pass unchanged keep it (see PreparedBatch.json). */
  texts?: readonly string[];
}

export function prepareEvents(items: readonly unknown[], hasher: SubjectHasher, options: PrepareOptions = {}): PreparedBatch {
  const first = options.firstIndex ?? 0;
  const seen = options.seenEventIds ?? new Map<string, number>();
  const events: AshiatoEvent[] = [];
  const json: (string | undefined)[] | undefined = options.texts ? [] : undefined;
  const errors: FieldError[] = [];
  const indexes: number[] = [];
  items.forEach((item, offset) => {
    const index = options.indexes?.[offset] ?? first + offset;
    const problems = validateEvent(item);
    const eventId = isRecord(item) && typeof item.eventId === 'string' ? item.eventId : undefined;
    if (eventId !== undefined) {
      const earlier = seen.get(eventId);
      if (earlier !== undefined) problems.push({ path: 'eventId', message: `repeats the eventId of the event at index ${earlier}` });
      else seen.set(eventId, index);
    }
    if (problems.length) {
      for (const p of problems) errors.push({ index, ...p });
      return;
    }
    const event = pseudonymise(item as Record<string, unknown>, hasher);
    events.push(event);
    indexes.push(index);
    // Only an event that is still the parsed item itself may be stored as the text it came from.
    json?.push((event as unknown) === item ? options.texts?.[offset] || undefined : undefined);
  });
  return json ? { events, json, errors, indexes } : { events, errors, indexes };
}

type Problem = Omit<FieldError, 'index'>;

export function validateEvent(item: unknown): Problem[] {
  if (!isRecord(item)) return [{ path: '$', message: 'an event must be a JSON object' }];
  const type = item.type;
  if (typeof type !== 'string' || !(INGESTIBLE_EVENT_TYPES as string[]).includes(type)) {
    return [{ path: 'type', message: `must be one of ${INGESTIBLE_EVENT_TYPES.join(', ')}` }];
  }
  // An embedded policy is reported by validatePolicy (checkPolicy), with its cross-references and codes.
  const own = schemaProblems(INGESTIBLE_EVENT_SCHEMAS[type as IngestibleEventType], item).filter((p) => p.segments[0] !== 'policy' || p.segments.length === 1);
  const problems: Problem[] = own.map((p) =>
    p.kind === 'unknown'
      ? { path: formatPath(p.segments), message: `key number ${p.position} of this object is not a field of this event type` }
      : { path: formatPath(p.segments), message: p.message },
  );
  if (isSubjectType(type)) problems.push(...checkSubject(item));
  if (type === 'PolicyPublished') problems.push(...checkPolicy(item));
  // One line per distinct problem: a value can fail two checks that give the same reason.
  return problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.message === p.message) === i);
}

function isSubjectType(type: string): boolean {
  return (SUBJECT_EVENT_TYPES as string[]).includes(type);
}

function checkSubject(item: Record<string, unknown>): Problem[] {
  const hasRef = item.subjectRef !== undefined;
  const hasSubject = item.subject !== undefined;
  if (hasRef && hasSubject) return [{ path: 'subject', message: 'give either subjectRef or subject, not both' }];
  if (!hasRef && !hasSubject) return [{ path: 'subjectRef', message: 'subjectRef or subject ({email} | {phone} | {externalId}) is required' }];
  if (hasSubject) {
    const subject = item.subject;
    const given = isRecord(subject) ? ['email', 'phone', 'externalId'].filter((k) => subject[k] !== undefined && subject[k] !== null) : [];
    if (given.length !== 1 || !isRecord(subject) || typeof subject[given[0]] !== 'string')
      return [{ path: 'subject', message: 'must hold exactly one of email, phone, externalId, as text' }];
  }
  return [];
}

function checkPolicy(item: Record<string, unknown>): Problem[] {
  if (!isRecord(item.policy)) return [];
  const problems: Problem[] = validatePolicy(item.policy).map((e) => ({ path: `policy${e.path.replace(/^\$/, '')}`, message: e.message }));
  if (typeof item.controller === 'string' && item.policy.controller !== item.controller) {
    problems.push({ path: 'policy.controller', message: 'must equal the event controller' });
  }
  return problems;
}

function pseudonymise(item: Record<string, unknown>, hasher: SubjectHasher): AshiatoEvent {
  if (item.subject === undefined) return item as unknown as AshiatoEvent;
  const { subject, ...rest } = item;
  return { ...rest, subjectRef: hasher.refFor(subject as SubjectIdentifier) } as unknown as AshiatoEvent;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
