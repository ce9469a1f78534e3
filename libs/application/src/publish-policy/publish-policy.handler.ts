import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { PublishPolicyCommand } from './publish-policy.command';
import { publishPolicy, type PublishResult } from './publish-policy';

@CommandHandler(PublishPolicyCommand)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicyCommand, PublishResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: PublishPolicyCommand): Promise<PublishResult> {
    return publishPolicy(this.store, command.policy);
  }
}
