import type { PolicyDocument } from '../policy/policy';
import type { Violation } from './violations';

/**
 * Purpose limitation (APPI Art. 18(1), 69(1); GDPR Art. 5(1)(b)): every purpose of the flow must be
 * declared — for a recipient or another holder, declared for that party — and every item must be
 * covered by one of the flow's declared purposes.
 * `allowed`: the purposes open to the acting party (a recipient's declared purposes); default: all.
 */
export function checkPurposes(policy: PolicyDocument, purposes: string[], items: string[], allowed?: { party: string; purposes: string[] }): Violation[] {
  const out: Violation[] = [];
  const declared = new Map(policy.purposes.map((p) => [p.id, p]));
  const undeclared = purposes.filter((p) => !declared.has(p));
  if (undeclared.length) {
    out.push({ code: 'PURPOSE_UNDECLARED', message: `purposes ${undeclared.join(', ')} are not declared in policy ${policy.controller} v${policy.version}` });
  }
  const notForParty = allowed ? purposes.filter((p) => declared.has(p) && !allowed.purposes.includes(p)) : [];
  if (notForParty.length) {
    out.push({ code: 'PURPOSE_UNDECLARED', message: `purposes ${notForParty.join(', ')} are not declared for ${allowed!.party}` });
  }
  const usable = purposes.filter((p) => declared.has(p)).map((p) => declared.get(p)!);
  if (!usable.length && !purposes.length) {
    out.push({ code: 'PURPOSE_UNDECLARED', message: 'the flow names no purpose' });
  }
  const outside = items.filter((i) => !usable.some((p) => p.items.includes(i)));
  if (outside.length && usable.length) {
    out.push({
      code: 'ITEM_OUTSIDE_PURPOSE',
      message: `items ${outside.join(', ')} are outside purposes ${usable.map((p) => p.id).join(', ')}`,
      items: outside,
    });
  }
  return out;
}

/** Items the policy does not declare at all (acquiring them has no specified purpose, APPI Art. 17/21). */
export function undeclaredItems(policy: PolicyDocument, items: string[]): string[] {
  const known = new Set(policy.items.map((i) => i.id));
  return items.filter((i) => !known.has(i));
}
