import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { VIOLATION_CODES, type Verdict } from '@ashiato/domain';
import { ID_PATTERN, IsInstantWithOffset } from '../http/validators';

/** Shared by every read: pagination and read-your-writes. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @MinPosition()
  minPosition?: number;
}

/** `?minPosition=`: wait until the read models include a write (its lastPosition). */
export function MinPosition(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description: 'Wait until the read models include this log position (lastPosition of a write).' })(target, key);
    IsOptional()(target, key);
    Type(() => Number)(target, key);
    IsInt()(target, key);
    Min(0)(target, key);
  };
}

const ID = { message: 'must be an id (letters, digits, ".", "_", "-")' };

export class FlowsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['allowed', 'violation'] })
  @IsOptional()
  @IsIn(['allowed', 'violation'])
  verdict?: Verdict;

  @ApiPropertyOptional({ enum: VIOLATION_CODES })
  @IsOptional()
  @IsIn(VIOLATION_CODES as unknown as string[])
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, ID)
  controller?: string;

  @ApiPropertyOptional({ description: 'occurredAt ≥ from (ISO-8601 with offset)' })
  @IsOptional()
  @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt ≤ to (ISO-8601 with offset)' })
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;
}

export class ViolationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: VIOLATION_CODES })
  @IsOptional()
  @IsIn(VIOLATION_CODES as unknown as string[])
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, ID)
  controller?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;
}

export class HoldingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'starfield-technologies' })
  @IsOptional()
  @Matches(ID_PATTERN, ID)
  holder?: string;

  @ApiPropertyOptional({ example: 'email' })
  @IsOptional()
  @Matches(ID_PATTERN, ID)
  item?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, ID)
  controller?: string;

  @ApiPropertyOptional({ description: 'The instant (ISO-8601 with offset); default now.' })
  @IsOptional()
  @IsInstantWithOffset()
  asOf?: string;
}
