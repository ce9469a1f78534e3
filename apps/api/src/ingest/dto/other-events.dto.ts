import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNotEmptyObject, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { BREACH_REPORT_KINDS } from '@ashiato/domain';
import { EventBaseDto } from './event-base.dto';
import { ID_PATTERN, IsIdList, IsInstantWithOffset } from './validators';

export class PolicyPublishedDto extends EventBaseDto {
  @ApiProperty({ example: 'jcert' })
  @Matches(ID_PATTERN, { message: 'must be a policy id (letters, digits, ".", "_", "-")' })
  controller: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A policy document (DESIGN.md); checked field by field as policy.<path>.' })
  @IsObject()
  policy: Record<string, unknown>;
}

export class BreachWindowDto {
  @ApiProperty({ example: '2026-03-01T00:00:00+09:00' })
  @IsInstantWithOffset()
  from: string;

  @ApiProperty({ example: '2026-03-20T00:00:00+09:00' })
  @IsInstantWithOffset()
  to: string;
}

export class BreachDeclaredDto extends EventBaseDto {
  @ApiProperty({ example: 'br-2026-001' })
  @Matches(ID_PATTERN, { message: 'must be an id (letters, digits, ".", "_", "-")' })
  breachId: string;

  @ApiProperty({ example: 'starfield-technologies' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  holder: string;

  @ApiProperty({ type: [String] })
  @IsIdList()
  items: string[];

  @ApiProperty({ type: BreachWindowDto })
  @IsNotEmptyObject({}, { message: 'must be an object {from, to}' })
  @ValidateNested()
  @Type(() => BreachWindowDto)
  window: BreachWindowDto;

  @ApiProperty({ example: '2026-03-21T10:00:00+09:00' })
  @IsInstantWithOffset()
  discoveredAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cause?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a policy id' })
  controller?: string;
}

export class BreachReportedDto extends EventBaseDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: 'must be an id (letters, digits, ".", "_", "-")' })
  breachId: string;

  @ApiProperty({ enum: BREACH_REPORT_KINDS })
  @IsIn(BREACH_REPORT_KINDS as unknown as string[])
  report: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authority?: string;
}

export class SubjectsNotifiedEventDto extends EventBaseDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: 'must be an id (letters, digits, ".", "_", "-")' })
  breachId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  count?: number;
}
