import { ApiProperty } from '@nestjs/swagger';

export class StoreGuaranteesDto {
  @ApiProperty({ enum: ['sqlite', 'postgres', 'eventstoredb'], example: 'eventstoredb' })
  adapter: string;

  @ApiProperty({ description: 'false: the batch was stored stream by stream; a failure part-way is answered BATCH_PARTLY_WRITTEN.', example: false })
  atomicBatch: boolean;

  @ApiProperty({
    enum: ['global', 'window'],
    description: 'window: an eventId is recognised only among the newest events of its own stream.',
    example: 'window',
  })
  idempotency: string;

  @ApiProperty({ required: false, description: 'With idempotency "window": how many of a stream\'s newest events are compared at most.', example: 1000 })
  duplicateWindow?: number;
}

export class IngestResultDto {
  @ApiProperty({ description: 'Events stored by this request.', example: 10000 })
  accepted: number;

  @ApiProperty({ description: 'Events skipped because their eventId was already stored (a retried batch).', example: 0 })
  duplicates: number;

  @ApiProperty({ description: 'Log position; pass it as ?minPosition= to read your own writes.', example: 10234 })
  lastPosition: number;

  @ApiProperty({ type: () => [IngestWarningDto], description: 'Stored events someone should look at (first 1,000). The events were stored.' })
  warnings: IngestWarningDto[];

  @ApiProperty({ description: 'All warnings of the batch, listed or not.', example: 0 })
  warningCount: number;

  @ApiProperty({
    type: () => StoreGuaranteesDto,
    required: false,
    description:
      'Present only when the event store gives less than atomic batches and idempotency over the whole log (EventStoreDB): what it does give. Absent on SQLite and PostgreSQL.',
  })
  guarantees?: StoreGuaranteesDto;
}

export class IngestWarningDto {
  @ApiProperty({
    enum: ['UNKNOWN_CONTROLLER', 'UNKNOWN_ITEM', 'OCCURRED_IN_FUTURE'],
    description:
      'UNKNOWN_CONTROLLER: no policy published; UNKNOWN_ITEM: no policy version declares the item; OCCURRED_IN_FUTURE: occurredAt later than now + ASHIATO_FUTURE_SKEW (default 5m).',
  })
  code: string;

  @ApiProperty({ description: 'Index of the event in the batch (0-based).' })
  index: number;

  @ApiProperty({ example: 'items[1]' })
  path: string;

  @ApiProperty()
  message: string;
}

export class FieldErrorDto {
  @ApiProperty({ required: false, description: 'Index of the event in the batch (0-based).' })
  index?: number;

  @ApiProperty({ example: 'window.from' })
  path: string;

  @ApiProperty()
  message: string;
}

export class ApiErrorDto {
  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty()
  message: string;

  @ApiProperty({ type: [FieldErrorDto], required: false })
  errors?: FieldErrorDto[];
}
