import type { PolicyDocument, PolicyItem, PolicyPurpose, PolicyRecipient } from '../policy/policy';
import type { RecordLine } from './record-form';

/** Line builders shared by the regimes' record forms: the same policy facts, under each form's article. */
export function purposeLine(article: string, p: PolicyPurpose, field = 'purposes'): RecordLine {
  return { article, field, value: `${p.label} (${p.id})${p.requiresConsent ? ', on consent' : ''}`, observable: { kind: 'purpose', id: p.id } };
}

export function itemLine(article: string, i: PolicyItem, sensitiveWords: string, field = 'personalDataCategories'): RecordLine {
  return { article, field, value: `${i.label} (${i.id}; ${i.category}${i.sensitive ? `; ${sensitiveWords}` : ''})`, observable: { kind: 'item', id: i.id } };
}

export function recipientLine(article: string, r: PolicyRecipient, field = 'recipients'): RecordLine {
  const basis = r.basis ? `, basis ${r.basis}` : '';
  return {
    article,
    field,
    value: `${r.name} (${r.id}; ${r.relation}; ${r.country}${basis}; purposes ${r.purposes.join(', ') || 'none'}; items ${r.items.join(', ') || 'none'})`,
    observable: { kind: 'recipient', id: r.id },
  };
}

export function retentionLines(article: string, policy: PolicyDocument, field = 'erasureTimeLimits'): RecordLine[] {
  return policy.retention.map((r) => ({
    article,
    field,
    value: `${r.items.join(', ')}: ${r.rule}${r.label ? ` (${r.label})` : ''}${r.holder ? ` at ${r.holder}` : ''}`,
  }));
}

/** The declared recipients per country, countries in code order. */
export function countriesOf(policy: PolicyDocument): [string, PolicyRecipient[]][] {
  const by = new Map<string, PolicyRecipient[]>();
  for (const r of policy.recipients) by.set(r.country, [...(by.get(r.country) ?? []), r]);
  return [...by].sort(([a], [b]) => a.localeCompare(b));
}
