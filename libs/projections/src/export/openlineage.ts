import { createHash } from 'node:crypto';
import type { PolicyDocument, Regime, SubjectEvent } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeFlowEvent } from '../projectors/flow-event-codec';
import { PolicyBook } from '../projectors/policy-book';
import { policyHistory } from '../queries/policy-queries';
import { utc } from '../queries/pagination';

/** The OpenLineage spec version every exported event follows. */
export const OPENLINEAGE_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const SCHEMA_FACET_URL = 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet';
/** Where the server serves the facet's JSON Schema (`schemas/openlineage/` in the repository). */
export const PERSONAL_DATA_FLOW_FACET_PATH = '/schemas/openlineage/PersonalDataFlowRunFacet.json';

export type FlowAction = 'acquisition' | 'use' | 'provision' | 'erasure';
const ACTIONS: Record<string, FlowAction> = { DataAcquired: 'acquisition', DataUsed: 'use', DataProvided: 'provision', DataErased: 'erasure' };

export interface OpenLineageExportOptions {
  /** Inclusive bounds on occurredAt (any ISO-8601 offset). */
  from?: string;
  to?: string;
  controller?: string;
  /** Which actions; provisions by default (what leaves a holder). */
  actions?: FlowAction[];
  /** Add each group's subject refs (keyed HMACs) to the facet; off by default: a lineage server sees datasets and jobs, not people. */
  includeSubjects?: boolean;
  /** URI of the producing deployment, e.g. its public URL. */
  producer: string;
  /** Absolute URL of the facet schema (the server's PERSONAL_DATA_FLOW_FACET_PATH). */
  facetSchemaUrl: string;
}

interface Dataset {
  namespace: string;
  name: string;
  facets: Record<string, unknown>;
}

export interface OpenLineageRunEvent {
  eventType: 'COMPLETE';
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets: Record<string, unknown> };
  job: { namespace: string; name: string; facets: Record<string, unknown> };
  inputs: Dataset[];
  outputs: Dataset[];
}

/** The flows of one (controller, action, holder, recipient or source, purposes, UTC day). */
interface Group {
  key: string;
  event: SubjectEvent;
  action: FlowAction;
  holder: string;
  purposes: string[];
  items: Set<string>;
  subjects: Set<string>;
  bases: Set<string>;
  versions: Set<string>;
  first: string;
  last: string;
  flows: number;
  allowed: number;
  violations: number;
  codes: Map<string, number>;
}

const BATCH = 2_000;

/**
 * Recorded flows as OpenLineage RunEvents (spec 2-0-2), one per group of flows sharing controller,
 * action, holder, recipient (or source), purposes and UTC day, oldest day first. Streams the flows
 * table in occurredAt order and holds one day's groups at a time. The run id is derived from the
 * group, so exporting the same period twice yields the same runs (a lineage server updates, never
 * duplicates).
 */
export async function* exportOpenLineage(db: Kysely<ReadModelDatabase>, options: OpenLineageExportOptions): AsyncGenerator<OpenLineageRunEvent> {
  const types = Object.keys(ACTIONS).filter((t) => (options.actions?.length ? options.actions : ['provision']).includes(ACTIONS[t]));
  const policies = new PolicyLookup(db);
  let groups = new Map<string, Group>();
  let day = '';
  let after: { at: string; position: number } | undefined;
  for (;;) {
    let q = db.selectFrom('flows').selectAll().where('type', 'in', types);
    if (options.controller) q = q.where('controller', '=', options.controller);
    if (options.from) q = q.where('occurred_at', '>=', utc(options.from)!);
    if (options.to) q = q.where('occurred_at', '<=', utc(options.to)!);
    if (after) {
      const { at, position } = after;
      q = q.where((eb) => eb.or([eb('occurred_at', '>', at), eb.and([eb('occurred_at', '=', at), eb('position', '>', position)])]));
    }
    const rows = await q.orderBy('occurred_at').orderBy('position').limit(BATCH).execute();
    for (const row of rows) {
      const rowDay = row.occurred_at.slice(0, 10);
      if (rowDay !== day) {
        yield* flush(groups, policies, options);
        groups = new Map();
        day = rowDay;
      }
      add(groups, decodeFlowEvent(row), row);
    }
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    after = { at: last.occurred_at, position: Number(last.position) };
  }
  yield* flush(groups, policies, options);
}

function add(groups: Map<string, Group>, event: SubjectEvent, row: ReadModelDatabase['flows']): void {
  const action = ACTIONS[event.type];
  const holder = ('holder' in event && event.holder) || event.controller;
  const purposes = [...new Set('purposes' in event ? (event.purposes ?? []) : [])].sort();
  const party =
    event.type === 'DataProvided' ? `to:${event.recipient}` : event.type === 'DataAcquired' ? `from:${event.source.kind}:${event.source.name ?? ''}` : '';
  const key = JSON.stringify([event.controller, action, holder, party, purposes, row.occurred_at.slice(0, 10)]);
  let g = groups.get(key);
  if (!g) {
    g = {
      key,
      event,
      action,
      holder,
      purposes,
      items: new Set(),
      subjects: new Set(),
      bases: new Set(),
      versions: new Set(),
      first: row.occurred_at,
      last: row.occurred_at,
      flows: 0,
      allowed: 0,
      violations: 0,
      codes: new Map(),
    };
    groups.set(key, g);
  }
  g.flows++;
  g.last = row.occurred_at;
  g.subjects.add(event.subjectRef);
  for (const item of 'items' in event ? (event.items ?? []) : []) g.items.add(item);
  if (row.basis) g.bases.add(row.basis);
  if (row.policy_version) g.versions.add(row.policy_version);
  if (row.verdict === 'violation') g.violations++;
  if (row.verdict === 'violation') for (const code of JSON.parse(row.codes ?? '[]') as string[]) g.codes.set(code, (g.codes.get(code) ?? 0) + 1);
  else if (row.verdict === 'allowed') g.allowed++;
}

async function* flush(groups: Map<string, Group>, policies: PolicyLookup, options: OpenLineageExportOptions): AsyncGenerator<OpenLineageRunEvent> {
  for (const g of groups.values()) yield toRunEvent(g, await policies.at(g.event.controller, g.last), options);
}

function toRunEvent(g: Group, policy: PolicyDocument | undefined, options: OpenLineageExportOptions): OpenLineageRunEvent {
  const e = g.event;
  const namespace = `ashiato://${e.controller}`;
  const base = { _producer: options.producer };
  const itemsOf = policy ? new Map(policy.items.map((i) => [i.id, i])) : new Map<string, PolicyDocument['items'][number]>();
  const items = [...g.items].sort();
  const schemaFacet = {
    schema: {
      ...base,
      _schemaURL: SCHEMA_FACET_URL,
      fields: items.map((id) => ({
        name: id,
        type: itemsOf.get(id)?.category ?? 'unknown',
        ...(itemsOf.get(id) ? { description: itemsOf.get(id)!.label } : {}),
      })),
    },
  };
  const holderDataset: Dataset = { namespace, name: g.holder, facets: schemaFacet };
  let recipient: Record<string, unknown> | undefined;
  let source: Record<string, unknown> | undefined;
  const inputs: Dataset[] = [];
  const outputs: Dataset[] = [];
  let job = `${g.action}/${g.holder}`;
  if (e.type === 'DataProvided') {
    const declared = policy?.recipients.find((r) => r.id === e.recipient);
    recipient = { id: e.recipient, declared: !!declared, ...(declared ? { name: declared.name, country: declared.country, relation: declared.relation } : {}) };
    inputs.push(holderDataset);
    outputs.push({ namespace, name: e.recipient, facets: schemaFacet });
    job = `${g.action}/${g.holder}->${e.recipient}`;
  } else if (e.type === 'DataAcquired') {
    source = { kind: e.source.kind, ...(e.source.name ? { name: e.source.name } : {}) };
    const from = `source/${e.source.kind}${e.source.name ? `/${e.source.name}` : ''}`;
    inputs.push({ namespace, name: from, facets: schemaFacet });
    outputs.push(holderDataset);
    job = `${g.action}/${from}->${g.holder}`;
  } else {
    inputs.push(holderDataset);
  }
  const facet = {
    ...base,
    _schemaURL: `${options.facetSchemaUrl}#/$defs/PersonalDataFlowRunFacet`,
    action: g.action,
    controller: e.controller,
    regime: (policy?.regime ?? null) as Regime | null,
    holder: g.holder,
    ...(recipient ? { recipient } : {}),
    ...(source ? { source } : {}),
    purposes: g.purposes,
    dataCategories: items.map((id) => {
      const item = itemsOf.get(id);
      return { item: id, ...(item ? { category: item.category, sensitive: item.sensitive } : {}) };
    }),
    legalBases: [...g.bases].sort(),
    policyVersions: [...g.versions].sort(),
    day: g.first.slice(0, 10),
    firstOccurredAt: g.first,
    lastOccurredAt: g.last,
    flowCount: g.flows,
    subjectCount: g.subjects.size,
    verdicts: { allowed: g.allowed, violation: g.violations },
    violations: Object.fromEntries([...g.codes].sort(([a], [b]) => a.localeCompare(b))),
    ...(options.includeSubjects ? { subjectRefs: [...g.subjects].sort() } : {}),
  };
  return {
    eventType: 'COMPLETE',
    eventTime: g.last,
    producer: options.producer,
    schemaURL: OPENLINEAGE_SCHEMA_URL,
    run: { runId: stableUuid(g.key), facets: { ashiato_personalDataFlow: facet } },
    job: { namespace, name: job, facets: {} },
    inputs,
    outputs,
  };
}

/** A UUID (version 8, RFC 9562: custom) from a SHA-256 of the group key: same group, same run id. */
export function stableUuid(key: string): string {
  const h = createHash('sha256').update(key).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Each controller's policy history, read once per export, in the projection's own PolicyBook. */
class PolicyLookup {
  private readonly book = new PolicyBook();
  private readonly loaded = new Map<string, Promise<void>>();
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  async at(controller: string, instant: string): Promise<PolicyDocument | undefined> {
    let loading = this.loaded.get(controller);
    if (!loading) this.loaded.set(controller, (loading = policyHistory(this.db, controller).then((vs) => vs.forEach((v) => this.book.add(v)))));
    await loading;
    return this.book.inForce(controller, instant)?.document;
  }
}
