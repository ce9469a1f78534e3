import { currentLang } from './i18n';

/** What each violation code means, for people: [Japanese, English]. */
const CODE_TEXT: Record<string, [string, string]> = {
  POLICY_MISSING: ['その時点で有効なポリシーがない', 'No policy in force at the time'],
  PURPOSE_UNDECLARED: ['公表していない利用目的', 'Purpose not declared'],
  ITEM_OUTSIDE_PURPOSE: ['利用目的の範囲外の項目', 'Item outside the purpose'],
  RECIPIENT_UNDECLARED: ['公表していない提供先', 'Recipient not declared'],
  ITEM_OUTSIDE_RECIPIENT_SCOPE: ['提供先の範囲外の項目', 'Item outside the recipient’s scope'],
  CONSENT_MISSING: ['必要な同意がない', 'Required consent missing'],
  CONSENT_WITHDRAWN: ['同意の撤回後の利用・提供', 'Use or provision after consent was withdrawn'],
  CROSS_BORDER_NO_BASIS: ['外国への提供に根拠がない（法28条）', 'Cross-border provision without basis (APPI Art. 28)'],
  SENSITIVE_OPT_OUT: ['要配慮個人情報のオプトアウト提供', 'Sensitive data provided by opt-out'],
  ITEM_NOT_HELD: ['保有していない項目の提供', 'Provision of an item never held'],
  USE_AFTER_ERASURE: ['消去後の利用・提供', 'Use or provision after erasure'],
  RETENTION_EXCEEDED: ['保存期間の超過', 'Held past its retention rule'],
  ERASURE_NOT_PROPAGATED: ['提供先での消去が期限内に確認されない', 'Recipient did not confirm erasure in time'],
};

export function codeText(code: string): string {
  const text = CODE_TEXT[code];
  return text ? text[currentLang() === 'ja' ? 0 : 1] : code;
}
