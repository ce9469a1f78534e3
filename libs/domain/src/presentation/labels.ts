/**
 * One vocabulary: the Japanese and English label of every code a person reads (violations, legal
 * bases, recipient relations, sources, erasure states, regimes, ingest warnings, and a breach's
 * causes, protection, risk levels, exemptions, triggers, clocks, reportability and open facts),
 * shared by the dashboard, the HTML reports and the CLI. Pure data, no Node APIs. What a breach code
 * means legally (e.g. whether a cause implies an improper purpose) is in breach/breach-vocabulary.ts.
 */
import type { Art34Exemption, BreachCause, BreachOpenFact, BreachProtection, BreachTrigger, GdprRiskLevel } from '../breach/breach-vocabulary';
import type { ClockKind } from '../breach/deadline-clocks';
import type { DriftReason, LineStatus } from '../records/record-drift';
import type { ObservableKind } from '../records/record-form';

export type Lang = 'ja' | 'en';
type Pair = readonly [ja: string, en: string];
type Labels = Record<string, Pair>;

export const VIOLATION_LABELS: Labels = {
  POLICY_MISSING: ['その時点で有効なポリシーがない', 'No policy in force at the time'],
  PURPOSE_UNDECLARED: ['公表していない利用目的', 'Purpose not declared'],
  ITEM_OUTSIDE_PURPOSE: ['利用目的の範囲外の項目', 'Item outside the purpose'],
  RECIPIENT_UNDECLARED: ['公表していない提供先', 'Recipient not declared'],
  ITEM_OUTSIDE_RECIPIENT_SCOPE: ['提供先の範囲外の項目', 'Item outside the recipient’s scope'],
  CONSENT_MISSING: ['必要な同意がない', 'Required consent missing'],
  CONSENT_WITHDRAWN: ['同意の撤回後の利用・提供', 'Use or provision after consent was withdrawn'],
  // Regime-neutral: the violation's message names the article of the controller's regime (APPI Art. 28 / 71, GDPR Chapter V).
  CROSS_BORDER_NO_BASIS: ['外国への提供・移転に根拠がない', 'Transfer abroad without a legal basis'],
  SENSITIVE_OPT_OUT: ['要配慮個人情報のオプトアウト提供', 'Sensitive data provided by opt-out'],
  ITEM_NOT_HELD: ['保有していない項目の提供', 'Provision of an item never held'],
  USE_AFTER_ERASURE: ['消去後の利用・提供', 'Use or provision after erasure'],
  RETENTION_EXCEEDED: ['保存期間の超過', 'Held past its retention rule'],
  ERASURE_NOT_PROPAGATED: ['提供先での消去が期限内に確認されない', 'Recipient did not confirm erasure in time'],
};

/** Legal bases of a provision (`DataProvided.basis`). */
export const BASIS_LABELS: Labels = {
  consent: ['本人の同意', 'Consent'],
  entrustment: ['委託', 'Entrustment (processor)'],
  jointUse: ['共同利用', 'Joint use'],
  businessSuccession: ['事業の承継', 'Business succession'],
  optOut: ['オプトアウト', 'Opt-out'],
  statutory: ['法令に基づく', 'Required by law'],
};

/** Recipients' relation to the controller (policy documents). */
export const RELATION_LABELS: Labels = {
  entrustee: ['委託先', 'Entrustee (processor)'],
  thirdParty: ['第三者', 'Third party'],
  jointUser: ['共同利用者', 'Joint user'],
  publicBody: ['行政機関等', 'Public body'],
  public: ['公開', 'The public'],
  controller: ['管理者', 'Controller'],
};

/** Where data came from (`DataAcquired.source.kind`). */
export const SOURCE_LABELS: Labels = {
  subject: ['本人から', 'From the person'],
  thirdParty: ['第三者から', 'From a third party'],
  public: ['公開情報から', 'From public sources'],
  generated: ['生成', 'Generated'],
};

/** The state of a recipient's erasure obligation (GET /v1/erasures `status`, lineage obligations). */
export const ERASURE_STATE_LABELS: Labels = {
  open: ['確認待ち', 'Awaiting confirmation'],
  pending: ['確認待ち', 'Awaiting confirmation'],
  overdue: ['期限超過', 'Overdue'],
  done: ['消去確認済み', 'Erasure confirmed'],
  erased: ['消去済み', 'Erased'],
};

export const VERDICT_LABELS: Labels = {
  allowed: ['適合', 'Allowed'],
  violation: ['違反', 'Violation'],
};

export const REGIME_LABELS: Labels = {
  APPI: ['個人情報保護法（民間）', 'APPI (private sector)'],
  'APPI-public': ['個人情報保護法（行政機関等）', 'APPI (public sector)'],
  GDPR: ['EU一般データ保護規則（GDPR）', 'GDPR (EU)'],
};

/** Warnings of an accepted ingest (the event is stored; someone should look). */
export const INGEST_WARNING_LABELS: Labels = {
  UNKNOWN_CONTROLLER: ['ポリシーが公表されていない管理者', 'Controller has no published policy'],
  UNKNOWN_ITEM: ['ポリシーにない項目', 'Item not declared by any version of the controller’s policy'],
  OCCURRED_IN_FUTURE: ['未来の日時の事象', 'Event dated in the future'],
};

/** `BreachDeclared.cause`: what caused the leak, loss or damage. */
export const BREACH_CAUSE_LABELS = {
  unauthorizedAccess: ['不正アクセス', 'Unauthorised access'],
  attack: ['サイバー攻撃', 'Cyber attack'],
  malware: ['マルウェア感染', 'Malware infection'],
  ransomware: ['ランサムウェア', 'Ransomware'],
  phishing: ['フィッシング', 'Phishing'],
  theft: ['盗難', 'Theft'],
  insider: ['従業者等による不正な持ち出し', 'Insider taking data'],
  fraud: ['詐欺', 'Fraud'],
  misdelivery: ['誤送付・誤送信', 'Sent to the wrong recipient'],
  loss: ['紛失', 'Loss'],
  misconfiguration: ['設定誤り', 'Misconfiguration'],
  humanError: ['人為的な誤り', 'Human error'],
  systemFailure: ['システム障害', 'System failure'],
  disposalError: ['誤廃棄', 'Disposed of by mistake'],
  unknown: ['原因調査中', 'Under investigation'],
} as const satisfies Record<BreachCause, Pair>;

/** `BreachDeclared.protection` (APPI Rules Art. 7(i) / 43(i), GDPR Art. 34(3)(a)). */
export const BREACH_PROTECTION_LABELS = {
  none: ['保護措置なし', 'Not protected'],
  highLevelEncryption: ['高度な暗号化等の保護措置', 'High-level encryption (key not leaked)'],
} as const satisfies Record<BreachProtection, Pair>;

/** `BreachDeclared.riskAssessment.level`: a GDPR controller's risk assessment (Arts. 33(1), 34(1)). */
export const GDPR_RISK_LABELS = {
  unlikely: ['リスクが生じるおそれは低い', 'Unlikely to result in a risk'],
  risk: ['権利自由へのリスクあり', 'A risk to rights and freedoms'],
  high: ['高いリスクあり', 'A high risk to rights and freedoms'],
} as const satisfies Record<GdprRiskLevel, Pair>;

/** `BreachDeclared.riskAssessment.subjectNotificationExemption`: GDPR Art. 34(3)(a)–(c). */
export const ART34_EXEMPTION_LABELS = {
  unintelligible: ['第34条3項(a) 暗号化等により判読不能', 'Art. 34(3)(a): rendered unintelligible (e.g. encryption)'],
  riskNoLongerLikely: ['第34条3項(b) 事後措置により高リスクが生じなくなった', 'Art. 34(3)(b): later measures make the high risk no longer likely'],
  disproportionateEffort: ['第34条3項(c) 過大な労力（公表で代替）', 'Art. 34(3)(c): disproportionate effort (public communication instead)'],
} as const satisfies Record<Art34Exemption, Pair>;

/** What fired a duty to report, per regime. */
export const BREACH_TRIGGER_LABELS = {
  sensitive: ['要配慮個人情報', 'Special care-required data'],
  financialRisk: ['財産的被害のおそれ', 'Risk of financial damage'],
  improperPurpose: ['不正の目的によるおそれ', 'Improper purpose'],
  overThousandPersons: ['本人の数が1,000人超', 'More than 1,000 persons'],
  overHundredPersons: ['本人の数が100人超', 'More than 100 persons'],
  riskToRights: ['権利自由へのリスク', 'Risk to rights and freedoms'],
  highRisk: ['高いリスク', 'High risk'],
} as const satisfies Record<BreachTrigger, Pair>;

/** The legal clocks a breach starts. */
export const CLOCK_LABELS = {
  'appi-preliminary': ['速報（個人情報保護委員会）', 'Preliminary report (PPC)'],
  'appi-final': ['確報（個人情報保護委員会）', 'Final report (PPC)'],
  'gdpr-authority': ['監督機関への通知（72時間）', 'Notify the supervisory authority (72 h)'],
  'subject-notification': ['本人への通知', 'Notify the persons'],
} as const satisfies Record<ClockKind, Pair>;

/** `reportable`: `true`, `false` or `"undetermined"` (never a silent false). */
export const REPORTABLE_LABELS = {
  true: ['報告対象', 'Reportable'],
  false: ['報告対象外', 'Not reportable'],
  undetermined: ['未確定（暫定で期限を計算）', 'Undetermined (clocks run provisionally)'],
} as const satisfies Record<'true' | 'false' | 'undetermined', Pair>;

/** A fact still missing that leaves a breach's reportability undetermined (`reportability.missing`). */
export const BREACH_OPEN_FACT_LABELS = {
  cause: ['原因が未確定のため、不正の目的によるおそれを否定できない', 'the cause is not known yet, so an improper purpose cannot be ruled out'],
  riskAssessment: [
    'リスク評価が記録されていない（リスクが生じるおそれが低いと示されない限り通知が必要）',
    'no risk assessment recorded (the authority must be notified unless a risk is shown unlikely)',
  ],
  regime: ['管理者のポリシーが不明のため、適用法令を判断できない', 'no policy of the controller is known, so its regime cannot be told'],
  controller: ['この期間に保有者のもとにいずれの管理者のデータも見つからない', 'no controller’s data was found at the holder in the window'],
} as const satisfies Record<BreachOpenFact, Pair>;

/** A line of a record of processing against the log (`GET /v1/controllers/{id}/record-of-processing`). */
export const RECORD_STATUS_LABELS = {
  'declared+observed': ['公表どおり記録あり', 'Declared and observed'],
  'declared-not-observed': ['公表しているが期間中の記録なし', 'Declared, not observed in the period'],
  'observed-not-declared': ['記録されたが公表していない', 'Observed, not declared'],
  'not-observable': ['ログからは確認できない項目', 'Not shown by the log'],
} as const satisfies Record<LineStatus, Pair>;

export const RECORD_REASON_LABELS = {
  'undeclared-when-observed': ['発生時のポリシーで公表していない', 'Not declared by the policy in force at the time'],
  'not-in-this-record': ['以前の版では公表、この版にはない', 'Declared by an earlier version, not by this one'],
} as const satisfies Record<DriftReason, Pair>;

export const OBSERVABLE_KIND_LABELS = {
  recipient: ['提供先', 'Recipient'],
  purpose: ['利用目的', 'Purpose'],
  item: ['項目', 'Item'],
  country: ['移転先の国', 'Destination country'],
} as const satisfies Record<ObservableKind, Pair>;

export const LABEL_TABLES = {
  violation: VIOLATION_LABELS,
  basis: BASIS_LABELS,
  relation: RELATION_LABELS,
  source: SOURCE_LABELS,
  erasureState: ERASURE_STATE_LABELS,
  verdict: VERDICT_LABELS,
  regime: REGIME_LABELS,
  ingestWarning: INGEST_WARNING_LABELS,
  cause: BREACH_CAUSE_LABELS,
  protection: BREACH_PROTECTION_LABELS,
  riskLevel: GDPR_RISK_LABELS,
  art34Exemption: ART34_EXEMPTION_LABELS,
  breachTrigger: BREACH_TRIGGER_LABELS,
  clock: CLOCK_LABELS,
  reportable: REPORTABLE_LABELS,
  openFact: BREACH_OPEN_FACT_LABELS,
  recordStatus: RECORD_STATUS_LABELS,
  recordReason: RECORD_REASON_LABELS,
  observableKind: OBSERVABLE_KIND_LABELS,
} as const satisfies Record<string, Labels>;
export type LabelKind = keyof typeof LABEL_TABLES;

/** The label of `code` in `lang`; the code itself when it has none, `—` when there is no code. */
export function labelOf(kind: LabelKind, code: string | boolean | undefined | null, lang: Lang): string {
  if (code === undefined || code === null || code === '') return '—';
  const text = (LABEL_TABLES[kind] as Labels)[String(code)];
  return text ? text[lang === 'ja' ? 0 : 1] : String(code);
}

/** Both labels, Japanese first, for bilingual reports: `委託 / Entrustment (processor)`. */
export function bilingualLabel(kind: LabelKind, code: string | boolean | undefined | null): string {
  const pair = labelPair(kind, code);
  return pair.ja === pair.en ? pair.ja : `${pair.ja} / ${pair.en}`;
}

/** Both labels as `{ja, en}` (the code itself in both when it has none, `—` when there is no code). */
export function labelPair(kind: LabelKind, code: string | boolean | undefined | null): { ja: string; en: string } {
  return { ja: labelOf(kind, code, 'ja'), en: labelOf(kind, code, 'en') };
}
