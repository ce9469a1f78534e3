import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ID_PATTERN, IsInstantWithOffset } from '../http/validators';
import { MinPosition } from '../queries/query-params.dto';

export const EXPORT_ACTIONS = ['acquisition', 'use', 'provision', 'erasure'] as const;

export class OpenLineageQueryDto {
  @ApiPropertyOptional({ description: 'occurredAt ≥ from (ISO-8601 with offset)' })
  @IsOptional()
  @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt ≤ to (ISO-8601 with offset)' })
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;

  @ApiPropertyOptional({ description: 'One controller only' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an id (letters, digits, ".", "_", "-")' })
  controller?: string;

  @ApiPropertyOptional({ description: 'Comma-separated actions to export; default `provision`', example: 'provision,erasure' })
  @IsOptional()
  @Matches(new RegExp(`^(${EXPORT_ACTIONS.join('|')})(,(${EXPORT_ACTIONS.join('|')}))*$`), { message: `must be a comma-separated list of ${EXPORT_ACTIONS.join(', ')}` })
  actions?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: "Add each run's subject refs (keyed HMACs) to its facet; default false" })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeSubjects?: string;

  @MinPosition()
  minPosition?: number;
}
