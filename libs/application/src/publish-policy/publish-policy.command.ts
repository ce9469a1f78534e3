import { Command } from '@nestjs/cqrs';
import type { PolicyDocument } from '@ashiato/domain';
import type { PublishResult } from './publish-policy';

/** Publish a validated policy document as a new version (idempotent; a reused version string is refused). */
export class PublishPolicyCommand extends Command<PublishResult> {
  constructor(readonly policy: PolicyDocument) {
    super();
  }
}
