/** The lineage report the API answers (libs/domain LineageReport), only the fields the page reads. */
export interface Violation {
  code: string;
  message: string;
}

export interface PartyRef {
  id: string;
  name?: string;
  country?: string;
  relation?: string;
  declared: boolean;
}

export interface HoldingFact {
  item: string;
  holder: PartyRef;
  tier: 'controller' | 'recipient' | 'onward';
  from: string;
  to?: string;
  acquiredFrom: { kind: 'source'; source: { kind: string; name?: string } } | { kind: 'provision'; provider: string };
  eventIds: string[];
}

export interface Judged {
  at: string;
  items: string[];
  purposes: string[];
  verdict?: 'allowed' | 'violation';
  violations: Violation[];
  eventIds: string[];
}

export interface ProvisionFact extends Judged {
  from: string;
  to: PartyRef;
  basis?: string;
}

export interface ErasureFact {
  at: string;
  holder: string;
  items: string[];
  reason: string;
  obligations: { holder: string; items: string[]; pending: string[]; acknowledged: boolean; acknowledgedAt?: string; dueAt?: string; overdue?: boolean; eventIds: string[] }[];
  eventIds: string[];
}

export interface ControllerLineage {
  controller: string;
  name?: string;
  regime?: string;
  policyVersion?: string;
  items: { item: string; label?: string; category?: string; sensitive?: boolean; heldBy: string[]; holdings: HoldingFact[] }[];
  acquisitions: (Judged & { holder: string; source: { kind: string; name?: string } })[];
  uses: (Judged & { holder: string })[];
  provisions: ProvisionFact[];
  erasures: ErasureFact[];
  consents: { givenAt: string; withdrawnAt?: string; purposes?: string[]; recipients?: string[]; eventIds: string[] }[];
}

export interface LineageReport {
  subjectRef: string;
  asOf: string;
  generatedAt: string;
  controllers: ControllerLineage[];
  eventIds: string[];
}

/** Every instant at which something happened to the subject: the stops of the as-of slider. */
export function instantsOf(report: LineageReport): string[] {
  const all = new Set<string>();
  for (const c of report.controllers) {
    for (const x of [...c.acquisitions, ...c.uses, ...c.provisions, ...c.erasures]) all.add(new Date(x.at).toISOString());
    for (const x of c.consents) all.add(new Date(x.givenAt).toISOString());
  }
  return [...all].sort();
}
