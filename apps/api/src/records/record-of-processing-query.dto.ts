import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsInstantWithOffset } from '../http/validators';
import { MinPosition } from '../queries/query-params.dto';

export class RecordOfProcessingQueryDto {
  @ApiPropertyOptional({ description: 'Start of the period the log is compared over (ISO-8601 with offset); default: the whole history' })
  @IsOptional()
  @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period, and the instant whose policy version the record is built from (ISO-8601 with offset); default: now' })
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'json (default) or csv: one row per record line with a status column' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @MinPosition()
  minPosition?: number;
}
