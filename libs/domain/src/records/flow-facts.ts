import type { DataAcquired, DataProvided, DataUsed } from '../events/events';
import type { PolicyDocument } from '../policy/policy';
import type { Observable } from './record-form';

export interface FlowFact extends Observable {
  /** Whether the policy in force when the flow happened declared it (for that party, for a party's purpose). */
  declared: boolean;
}

/**
 * What one acquisition, use or provision shows about the controller's processing, each fact marked
 * declared or not by the policy version it was judged by. The same tests as the flow rules
 * (flows/purpose-rules.ts, flows/provision-rules.ts): a recipient is declared when the policy lists
 * it; a purpose when the policy lists it and, for a use by a recipient or a provision to a declared
 * recipient, lists it for that party; a flow of a use or provision naming no purpose has an
 * undeclared purpose `''`; an item when the policy lists it. A provision to a declared recipient shows
 * its country as declared. The facts are the same whether or not the flow was lawful anyway
 * (a statutory provision or exception): the record is compared with what happened.
 */
export function flowFacts(event: DataAcquired | DataUsed | DataProvided, policy: PolicyDocument): FlowFact[] {
  const facts: FlowFact[] = event.items.map((id) => ({ kind: 'item', id, declared: policy.items.some((i) => i.id === id) }));
  const purposes = new Set(policy.purposes.map((p) => p.id));
  let party: { id: string; purposes: string[] } | undefined;
  if (event.type === 'DataProvided') {
    const recipient = policy.recipients.find((r) => r.id === event.recipient);
    facts.push({ kind: 'recipient', id: event.recipient, declared: !!recipient });
    if (recipient) {
      facts.push({ kind: 'country', id: recipient.country, declared: true });
      party = { id: recipient.id, purposes: recipient.purposes };
    }
  } else if (event.type === 'DataUsed' && event.holder && event.holder !== event.controller) {
    party = { id: event.holder, purposes: policy.recipients.find((r) => r.id === event.holder)?.purposes ?? [] };
  }
  const named = event.purposes ?? [];
  if (!named.length && event.type !== 'DataAcquired') facts.push({ kind: 'purpose', id: '', declared: false });
  for (const id of new Set(named)) {
    if (!purposes.has(id)) facts.push({ kind: 'purpose', id, declared: false });
    else if (party && !party.purposes.includes(id)) facts.push({ kind: 'purpose', id, party: party.id, declared: false });
    else facts.push({ kind: 'purpose', id, declared: true });
  }
  return facts;
}
