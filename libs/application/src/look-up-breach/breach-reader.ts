import { Inject, Injectable } from '@nestjs/common';
import type { BreachDeclared, Clock, PolicyDocument, PolicyItem } from '@ashiato/domain';
import { assessBreach, type BreachAssessment, type BreachFacts, type BreachState, type DeadlineClock, type Reportable } from '@ashiato/domain/breach';
import { ProjectionQueries, READ_MODEL, type AffectedSubject, type HoldingWindow, type Page, type ReadModel } from '@ashiato/projections';
import { affectedSubjects, breachCounts, receivingParties, type BreachCounts, type ReceivingParty } from '@ashiato/projections/dpo/breach-impact.query';
import { latestPolicies, policiesInForceAt } from '@ashiato/projections/dpo/policies-in-force';
import { DPO_CLOCK } from '../clock';
import { notFound } from '../errors/api-error';

export interface ItemImpact {
  item: string;
  label?: string;
  category?: string;
  sensitive?: boolean;
  financialRisk?: boolean;
  subjects: number;
}

export interface BreachAnswer extends BreachAssessment {
  breachId: string;
  declared: BreachDeclared;
  holder: { id: string; name?: string; country?: string };
  affected: {
    subjects: number;
    byItem: ItemImpact[];
    byCategory: { category: string; subjects: number }[];
    byController: { controller: string; name?: string; regime?: string; subjects: number }[];
  };
  /** The subjects to notify, one page (follow `nextCursor`); all of them at `csv`. */
  subjects: Page<AffectedSubject> & { csv: string };
  otherParties: (ReceivingParty & { name?: string; country?: string })[];
  reports: BreachState['reports'];
  notifications: BreachState['notifications'];
}

/** The figures of a breach in a list: no subject refs. */
export interface BreachFigures {
  title?: string;
  affectedSubjects: number;
  regimes: string[];
  reportable: Reportable;
  triggers: string[];
  openClocks: number;
  overdueClocks: number;
  clocks: DeadlineClock[];
}

export function windowOf(b: BreachDeclared): HoldingWindow {
  return { holder: b.holder, items: b.items, from: b.window.from, to: b.window.to, ...(b.controller ? { controller: b.controller } : {}) };
}

/**
 * Each controller whose data the holder kept, with its own persons and its own policy's definitions of
 * the breached items: the domain assesses each under its regime, never summing controllers.
 */
export function controllerFacts(
  ids: string[],
  b: BreachDeclared,
  byController: { controller: string; subjects: number }[],
  policies: PolicyDocument[],
): BreachFacts['controllers'] {
  return ids.map((id) => {
    const p = policies.find((x) => x.controller === id);
    return {
      controller: id,
      ...(p ? { name: p.name, regime: p.regime } : {}),
      persons: byController.find((c) => c.controller === id)?.subjects ?? 0,
      items: p ? p.items.filter((i) => b.items.includes(i.id)) : [],
    };
  });
}

function findParty(id: string, policies: PolicyDocument[]): { name?: string; country?: string } {
  const controller = policies.find((p) => p.controller === id);
  if (controller) return { name: controller.name };
  for (const p of policies) {
    const r = p.recipients.find((x) => x.id === id);
    if (r) return { name: r.name, country: r.country };
  }
  return {};
}

/** A breach's blast radius, reportability, clocks and draft report, from the read models only. */
@Injectable()
export class BreachReader {
  constructor(
    private readonly queries: ProjectionQueries,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async state(breachId: string): Promise<BreachState & { declared: BreachDeclared }> {
    const state = await this.queries.breachState(breachId);
    if (!state?.declared) throw notFound('no breach with this id is declared');
    return state as BreachState & { declared: BreachDeclared };
  }

  /** The figures a breach list shows: affected count, reportability and clocks (items unresolved). */
  async summary(breachId: string): Promise<BreachFigures> {
    const state = await this.state(breachId);
    const b = state.declared;
    const counts = await breachCounts(this.readModel.db, b);
    const ids = await this.controllersOf(b, counts.byController);
    const policies = Object.values(await latestPolicies(this.readModel.db, ids)).filter((p): p is PolicyDocument => !!p);
    const { regimes, reportability, clocks } = assessBreach(
      {
        breach: b,
        controllers: controllerFacts(ids, b, counts.byController, policies),
        otherParties: [],
        reports: state.reports,
        notifications: state.notifications,
      },
      this.clock,
    );
    return {
      ...(b.title ? { title: b.title } : {}),
      affectedSubjects: counts.subjects,
      regimes,
      reportable: reportability.reportable,
      triggers: [...new Set(reportability.triggers.map((t) => t.trigger))],
      openClocks: clocks.filter((c) => c.status === 'open').length,
      overdueClocks: clocks.filter((c) => c.overdue).length,
      clocks,
    };
  }

  /**
   * The controllers a breach concerns: those whose data the holder kept in the window, and the one the
   * declaration names. When that finds none, the controllers the holder is (or is a declared recipient
   * of), each with no persons: their regime still answers, rather than nobody.
   */
  private async controllersOf(b: BreachDeclared, byController: { controller: string }[]): Promise<string[]> {
    const found = [...new Set([...byController.map((c) => c.controller), ...(b.controller ? [b.controller] : [])])];
    if (found.length) return found.sort();
    const all = await this.readModel.db.selectFrom('policies').select('controller').distinct().execute();
    const latest = await latestPolicies(
      this.readModel.db,
      all.map((r) => r.controller),
    );
    return Object.values(latest)
      .filter((p): p is PolicyDocument => !!p && (p.controller === b.holder || p.recipients.some((r) => r.id === b.holder)))
      .map((p) => p.controller)
      .sort();
  }

  /** One page of the affected subjects (the CSV walks them all). */
  subjects(b: BreachDeclared, page: { limit?: number; cursor?: string }): Promise<Page<AffectedSubject>> {
    return affectedSubjects(this.readModel.db, b, page);
  }

  async answer(breachId: string, page: { limit?: number; cursor?: string }): Promise<BreachAnswer> {
    const state = await this.state(breachId);
    const b = state.declared;
    const db = this.readModel.db;
    const [counts, subjects, parties] = await Promise.all([breachCounts(db, b), affectedSubjects(db, b, page), receivingParties(db, b)]);
    const count = counts.subjects;
    const controllers = counts.byController;
    const ids = await this.controllersOf(b, controllers);
    const inForce = await policiesInForceAt(db, ids, new Date(b.discoveredAt).toISOString());
    const fallback = await latestPolicies(
      db,
      ids.filter((c) => !inForce[c]),
    );
    const policies = ids.map((c) => inForce[c] ?? fallback[c]).filter((p): p is PolicyDocument => !!p);
    const items = b.items.map((id) => policies.flatMap((p) => p.items).find((i) => i.id === id)).filter((i): i is PolicyItem => !!i);
    const byItemView = b.items.map((id) => {
      const def = items.find((i) => i.id === id);
      return {
        item: id,
        label: def?.label,
        category: def?.category,
        sensitive: def?.sensitive,
        financialRisk: def?.financialRisk,
        subjects: counts.withAnyOf([id]),
      };
    });
    const byCategory = this.byCategory(counts, byItemView);
    const byController = controllers.map((c) => {
      const p = policies.find((x) => x.controller === c.controller);
      return { controller: c.controller, name: p?.name, regime: p?.regime, subjects: c.subjects };
    });
    const otherParties = parties.map((p) => ({ ...p, ...findParty(p.party, policies) }));
    const holder = { id: b.holder, ...findParty(b.holder, policies) };
    const assessment = assessBreach(
      {
        breach: b,
        holderName: holder.name,
        controllers: controllerFacts(ids, b, controllers, policies),
        otherParties: otherParties.map((p) => ({ party: p.party, name: p.name, country: p.country, items: p.items })),
        reports: state.reports,
        notifications: state.notifications,
      },
      this.clock,
    );
    return {
      breachId,
      declared: b,
      holder,
      affected: { subjects: count, byItem: byItemView, byCategory, byController },
      subjects: { ...subjects, csv: `/v1/breaches/${encodeURIComponent(breachId)}/subjects.csv` },
      otherParties,
      ...assessment,
      reports: state.reports,
      notifications: state.notifications,
    };
  }

  /** A subject counts once per category even when several of its items share that category. */
  private byCategory(counts: BreachCounts, items: ItemImpact[]): { category: string; subjects: number }[] {
    const groups = new Map<string, string[]>();
    for (const i of items) groups.set(i.category ?? 'unknown', [...(groups.get(i.category ?? 'unknown') ?? []), i.item]);
    return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([category, ids]) => ({ category, subjects: counts.withAnyOf(ids) }));
  }
}
