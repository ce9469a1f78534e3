import { Command } from '@nestjs/cqrs';
import type { BreachDeclared } from '@ashiato/domain';
import type { BreachWriteResult } from './breach-stream';

/** What a DPO declares: the event without its id, time and type; a breachId is drawn when none is given. */
export type BreachDeclaration = Omit<BreachDeclared, 'type' | 'eventId' | 'occurredAt' | 'breachId'> & { breachId?: string };

/** Declare a breach: a holder leaked some items during a window (appends BreachDeclared). */
export class DeclareBreachCommand extends Command<BreachWriteResult> {
  constructor(readonly declaration: BreachDeclaration) {
    super();
  }
}
