import type { PolicyDocument } from '@ashiato/domain';

export class PublishPolicyCommand {
  constructor(readonly policy: PolicyDocument) {}
}
