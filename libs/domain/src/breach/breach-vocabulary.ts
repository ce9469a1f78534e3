/**
 * The documented vocabulary of a breach declaration and of the answers about it: the codes and what
 * each means legally. Their Japanese and English labels are in presentation/labels.ts, the one table
 * the dashboard, the HTML reports and the CLI read.
 */
export interface Label {
  ja: string;
  en: string;
}

/**
 * `BreachDeclared.cause`: what caused the leak, loss or damage. `improperPurpose` says whether the
 * cause means the breach was (or may have been) done for an improper purpose (不正の目的, APPI Rules
 * Art. 7(iii) / Art. 43(iii)); `null` means it cannot be told yet.
 */
export const BREACH_CAUSE_VOCABULARY = {
  unauthorizedAccess: { improperPurpose: true },
  attack: { improperPurpose: true },
  malware: { improperPurpose: true },
  ransomware: { improperPurpose: true },
  phishing: { improperPurpose: true },
  theft: { improperPurpose: true },
  insider: { improperPurpose: true },
  fraud: { improperPurpose: true },
  misdelivery: { improperPurpose: false },
  loss: { improperPurpose: false },
  misconfiguration: { improperPurpose: false },
  humanError: { improperPurpose: false },
  systemFailure: { improperPurpose: false },
  disposalError: { improperPurpose: false },
  unknown: { improperPurpose: null },
} as const satisfies Record<string, { improperPurpose: boolean | null }>;

export type BreachCause = keyof typeof BREACH_CAUSE_VOCABULARY;
export const BREACH_CAUSES = Object.keys(BREACH_CAUSE_VOCABULARY) as BreachCause[];

export function isBreachCause(code: string | undefined): code is BreachCause {
  return code !== undefined && Object.prototype.hasOwnProperty.call(BREACH_CAUSE_VOCABULARY, code);
}

/** `true` / `false` when the cause tells; `null` when it does not (no cause, `unknown`, or a code outside the vocabulary). */
export function causeImpliesImproperPurpose(code: string | undefined): boolean | null {
  return isBreachCause(code) ? BREACH_CAUSE_VOCABULARY[code].improperPurpose : null;
}

/**
 * `BreachDeclared.protection`: whether the leaked data was protected so that it cannot be read
 * (APPI Rules Art. 7(i): 高度な暗号化その他の個人の権利利益を保護するために必要な措置; GDPR Art. 34(3)(a)).
 * Absent means not declared, read as `none`.
 */
export const BREACH_PROTECTIONS = ['none', 'highLevelEncryption'] as const;
export type BreachProtection = (typeof BREACH_PROTECTIONS)[number];

/** `BreachDeclared.riskAssessment.level`: the controller's GDPR risk assessment (Arts. 33(1), 34(1)). */
export const GDPR_RISK_LEVELS = ['unlikely', 'risk', 'high'] as const;
export type GdprRiskLevel = (typeof GDPR_RISK_LEVELS)[number];

/** `BreachDeclared.riskAssessment.subjectNotificationExemption`: GDPR Art. 34(3)(a)–(c). */
export const ART34_EXEMPTIONS = ['unintelligible', 'riskNoLongerLikely', 'disproportionateEffort'] as const;
export type Art34Exemption = (typeof ART34_EXEMPTIONS)[number];

/** What fired a duty to report, per regime. */
export const BREACH_TRIGGERS = [
  'sensitive',
  'financialRisk',
  'improperPurpose',
  'overThousandPersons',
  'overHundredPersons',
  'riskToRights',
  'highRisk',
] as const;
export type BreachTrigger = (typeof BREACH_TRIGGERS)[number];

/**
 * A fact still missing that leaves reportability undetermined: the cause (an improper purpose cannot
 * be ruled out), a GDPR risk assessment, the controller's regime (no policy known), or any controller.
 */
export const BREACH_OPEN_FACTS = ['cause', 'riskAssessment', 'regime', 'controller'] as const;
export type BreachOpenFact = (typeof BREACH_OPEN_FACTS)[number];

/** `true`, `false`, or `'undetermined'` when a fact still missing decides it: never a silent false. */
export type Reportable = boolean | 'undetermined';
