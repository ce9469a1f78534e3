import type { DataProvided } from '../events/events';
import type { PolicyDocument, PolicyRecipient } from '../policy/policy';
import type { Violation } from './violations';

/** The recipient's scope (every regime; the basis and transfer rules are in regimes/): declared at all, and only the items declared for it. */
export function checkRecipientScope(policy: PolicyDocument, event: DataProvided, recipient: PolicyRecipient | undefined): Violation[] {
  if (!recipient)
    return [{ code: 'RECIPIENT_UNDECLARED', message: `recipient ${event.recipient} is not declared in policy ${policy.controller} v${policy.version}` }];
  const outside = event.items.filter((i) => !recipient.items.includes(i));
  return outside.length
    ? [{ code: 'ITEM_OUTSIDE_RECIPIENT_SCOPE', message: `items ${outside.join(', ')} are outside the scope of recipient ${recipient.id}`, items: outside }]
    : [];
}
