import { Command } from '@nestjs/cqrs';
import type { BreachReported } from '@ashiato/domain';
import type { BreachWriteResult } from '../declare-breach/breach-stream';

export type FiledReport = Pick<BreachReported, 'report' | 'authority' | 'controller'> & { occurredAt?: string };

/** Record a report filed with an authority (appi-preliminary, appi-final, gdpr-authority); closes its clock. */
export class FileReportCommand extends Command<BreachWriteResult> {
  constructor(
    readonly breachId: string,
    readonly filed: FiledReport,
  ) {
    super();
  }
}
