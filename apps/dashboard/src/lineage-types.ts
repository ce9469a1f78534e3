/**
 * The lineage answer the page reads, generated (api-types.ts) from the contract schema /docs publishes
 * for GET /v1/subjects/{ref}/lineage: a change to the report is a type error here.
 */
import type { components } from './api-types';

export type LineageReport = components['schemas']['LineageAnswer'];
export type ControllerLineage = components['schemas']['ControllerLineage'];
export type PartyRef = components['schemas']['PartyRef'];
export type HoldingFact = ControllerLineage['items'][number]['holdings'][number];
export type ProvisionFact = ControllerLineage['provisions'][number];
export type ErasureFact = ControllerLineage['erasures'][number];

/** Every instant at which something happened to the subject: the stops of the as-of slider. */
export function instantsOf(report: LineageReport): string[] {
  const all = new Set<string>();
  for (const c of report.controllers) {
    for (const x of [...c.acquisitions, ...c.uses, ...c.provisions, ...c.erasures]) all.add(new Date(x.at).toISOString());
    for (const x of c.consents) all.add(new Date(x.givenAt).toISOString());
  }
  return [...all].sort();
}
