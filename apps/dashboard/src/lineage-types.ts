/**
 * The lineage report the API answers is the domain's LineageReport: the page imports its types from
 * libs/domain (type-only, erased by the bundler), so a change to the report is a type error here.
 */
import type { LineageReport } from '../../../libs/domain/src/lineage/lineage-report';

export type { ControllerLineage, ErasureFact, HoldingFact, LineageReport, PartyRef, ProvisionFact } from '../../../libs/domain/src/lineage/lineage-report';

/** Every instant at which something happened to the subject: the stops of the as-of slider. */
export function instantsOf(report: LineageReport): string[] {
  const all = new Set<string>();
  for (const c of report.controllers) {
    for (const x of [...c.acquisitions, ...c.uses, ...c.provisions, ...c.erasures]) all.add(new Date(x.at).toISOString());
    for (const x of c.consents) all.add(new Date(x.givenAt).toISOString());
  }
  return [...all].sort();
}
