import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { BREACH_REPORT_KINDS, type BreachReportKind } from '@ashiato/domain';

export class BreachWindowDto {
  @ApiProperty({ example: '2026-03-01T00:00:00+09:00' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-03-20T00:00:00+09:00' })
  @IsISO8601({ strict: true })
  to: string;
}

export class DeclareBreachDto {
  @ApiPropertyOptional({ description: 'Chosen by the server when absent (UUID).' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,80}$/)
  breachId?: string;

  @ApiProperty({ description: 'The party whose systems leaked: a controller or a recipient id.', example: 'starfield-technologies' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  holder: string;

  @ApiProperty({ type: [String], example: ['email', 'org-name'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  items: string[];

  @ApiProperty({ type: BreachWindowDto })
  @ValidateNested()
  @Type(() => BreachWindowDto)
  window: BreachWindowDto;

  @ApiProperty({ example: '2026-03-21T10:00:00+09:00' })
  @IsISO8601({ strict: true })
  discoveredAt: string;

  @ApiPropertyOptional({ example: 'unauthorizedAccess', description: 'attack, unauthorizedAccess, malware, ransomware, phishing, theft, insider, fraud, misdelivery, loss, misconfiguration, humanError, systemFailure, disposalError' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cause?: string;

  @ApiPropertyOptional({ description: "Restricts the breach to one controller's data." })
  @IsOptional()
  @IsString()
  controller?: string;
}

export class BreachReportDto {
  @ApiProperty({ enum: BREACH_REPORT_KINDS })
  @IsIn(BREACH_REPORT_KINDS as unknown as string[])
  report: BreachReportKind;

  @ApiPropertyOptional({ example: 'PPC' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authority?: string;

  @ApiPropertyOptional({ description: 'When it was filed; defaults to now.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class SubjectsNotifiedDto {
  @ApiProperty({ example: 1200 })
  @IsInt()
  @Min(0)
  count: number;

  @ApiPropertyOptional({ description: 'When they were notified; defaults to now.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
