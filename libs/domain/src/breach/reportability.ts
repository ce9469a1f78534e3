import type { PolicyItem } from '../policy/policy';

/**
 * APPI reportability (Art. 26(1), Enforcement Rules Art. 7). A leak, loss or damage (漏えい等) must be
 * reported to the PPC when any one of four situations occurred or may have occurred (おそれ).
 */
export const REPORTABILITY_TRIGGERS = ['sensitive', 'financialRisk', 'improperPurpose', 'overThousandPersons'] as const;
export type ReportabilityTrigger = (typeof REPORTABILITY_TRIGGERS)[number];

/** Causes that mean the breach was (or may have been) done for an improper purpose (Rules Art. 7(iii)). */
export const IMPROPER_PURPOSE_CAUSES = [
  'attack',
  'unauthorizedAccess',
  'malware',
  'ransomware',
  'phishing',
  'theft',
  'insider',
  'fraud',
] as const;

/** Causes without an improper purpose: they do not fire trigger (iii) on their own. */
export const ACCIDENTAL_CAUSES = ['misdelivery', 'loss', 'misconfiguration', 'humanError', 'systemFailure', 'disposalError'] as const;

export const BREACH_CAUSES = [...IMPROPER_PURPOSE_CAUSES, ...ACCIDENTAL_CAUSES] as const;
export type BreachCause = (typeof BREACH_CAUSES)[number];

/** "More than 1,000": exactly 1,000 persons does not fire trigger (iv). */
export const PERSONS_THRESHOLD = 1000;

export interface TriggerFinding {
  trigger: ReportabilityTrigger;
  article: string;
  /** Free of personal data: names items by id and counts persons. */
  reason: string;
  items?: string[];
}

export interface Reportability {
  reportable: boolean;
  triggers: TriggerFinding[];
  /** Facts still unknown that could make the breach reportable (e.g. the cause). */
  undetermined: string[];
}

export interface ReportabilityInput {
  /** The leaked items as the policy defines them (sensitive / financialRisk flags). */
  items: PolicyItem[];
  cause?: string;
  affectedPersons: number;
}

export function isImproperPurposeCause(cause: string | undefined): boolean {
  return cause !== undefined && (IMPROPER_PURPOSE_CAUSES as readonly string[]).includes(cause);
}

function isKnownCause(cause: string | undefined): boolean {
  return cause !== undefined && (BREACH_CAUSES as readonly string[]).includes(cause);
}

export function assessAppiReportability(input: ReportabilityInput): Reportability {
  const triggers: TriggerFinding[] = [];
  const undetermined: string[] = [];

  const sensitive = input.items.filter((i) => i.sensitive).map((i) => i.id);
  if (sensitive.length) {
    triggers.push({
      trigger: 'sensitive',
      article: 'APPI Enforcement Rules Art. 7(i)',
      reason: `special care-required personal information (要配慮個人情報) involved: ${sensitive.join(', ')}`,
      items: sensitive,
    });
  }

  const financial = input.items.filter((i) => i.financialRisk).map((i) => i.id);
  if (financial.length) {
    triggers.push({
      trigger: 'financialRisk',
      article: 'APPI Enforcement Rules Art. 7(ii)',
      reason: `items open to financial misuse if used improperly: ${financial.join(', ')}`,
      items: financial,
    });
  }

  if (isImproperPurposeCause(input.cause)) {
    triggers.push({
      trigger: 'improperPurpose',
      article: 'APPI Enforcement Rules Art. 7(iii)',
      reason: `cause "${input.cause}" indicates a leak for an improper purpose (不正の目的)`,
    });
  } else if (!isKnownCause(input.cause)) {
    // An unknown or unrecognised cause may still turn out to be an attack; the DPO must decide.
    undetermined.push('cause: not recorded or not recognised; an improper purpose cannot be ruled out (Rules Art. 7(iii))');
  }

  if (input.affectedPersons > PERSONS_THRESHOLD) {
    triggers.push({
      trigger: 'overThousandPersons',
      article: 'APPI Enforcement Rules Art. 7(iv)',
      reason: `${input.affectedPersons} persons affected, more than ${PERSONS_THRESHOLD}`,
    });
  }

  return { reportable: triggers.length > 0, triggers, undetermined };
}
