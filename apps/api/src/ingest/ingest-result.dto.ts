import { ApiProperty } from '@nestjs/swagger';

export class IngestResultDto {
  @ApiProperty({ description: 'Events stored by this request.', example: 10000 })
  accepted: number;

  @ApiProperty({ description: 'Events skipped because their eventId was already stored (a retried batch).', example: 0 })
  duplicates: number;

  @ApiProperty({ description: 'Log position; pass it as ?minPosition= to read your own writes.', example: 10234 })
  lastPosition: number;
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
