import type { PolicyDocument } from '@ashiato/domain';

export interface PolicyVersion {
  controller: string;
  version: string;
  effectiveFrom: string;
  position: number;
  eventId: string;
  document: PolicyDocument;
}

/**
 * Every policy version known to the projection, per controller, kept in memory (a handful per
 * controller). The version in force at t is the latest `effectiveFrom` ≤ t, ties broken by log position.
 */
export class PolicyBook {
  private readonly byController = new Map<string, PolicyVersion[]>();

  add(v: PolicyVersion): void {
    const list = this.byController.get(v.controller) ?? [];
    list.push(v);
    list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.position - b.position));
    this.byController.set(v.controller, list);
  }

  inForce(controller: string, at: string): PolicyVersion | undefined {
    const list = this.byController.get(controller);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].effectiveFrom <= at) return list[i];
    return undefined;
  }

  clear(): void {
    this.byController.clear();
  }
}
