import { Query } from '@nestjs/cqrs';
import type { LineageAnswer } from '@ashiato/domain/lineage';

export type { LineageAnswer };

/** One subject's lineage as of an instant (default now): what is held, by whom, and each flow's verdict. */
export class LookUpLineageQuery extends Query<LineageAnswer> {
  constructor(
    readonly subjectRef: string,
    readonly asOf?: string,
  ) {
    super();
  }
}
