import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNotEmptyObject, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { BREACH_REPORT_KINDS } from '@ashiato/domain';
import { ART34_EXEMPTIONS, BREACH_CAUSES, BREACH_PROTECTIONS, GDPR_RISK_LEVELS } from '@ashiato/domain/breach';
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

/** GDPR Arts. 33(1), 34: the controller's risk assessment and who made it. */
export class BreachRiskAssessmentDto {
  @ApiProperty({ enum: GDPR_RISK_LEVELS })
  @IsIn(GDPR_RISK_LEVELS, { message: `must be one of: ${GDPR_RISK_LEVELS.join(', ')}` })
  level: string;

  @ApiProperty({ example: 'DPO' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assessedBy: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstantWithOffset()
  assessedAt?: string;

  @ApiPropertyOptional({ enum: ART34_EXEMPTIONS })
  @IsOptional()
  @IsIn(ART34_EXEMPTIONS, { message: `must be one of: ${ART34_EXEMPTIONS.join(', ')}` })
  subjectNotificationExemption?: string;
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

  @ApiPropertyOptional({ description: 'A short human title.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: BREACH_CAUSES, description: 'A code of the cause vocabulary; `unknown` while under investigation.' })
  @IsOptional()
  @IsIn(BREACH_CAUSES, { message: `must be one of: ${BREACH_CAUSES.join(', ')}` })
  cause?: string;

  @ApiPropertyOptional({ description: 'Free text about the cause.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ enum: BREACH_PROTECTIONS })
  @IsOptional()
  @IsIn(BREACH_PROTECTIONS, { message: `must be one of: ${BREACH_PROTECTIONS.join(', ')}` })
  protection?: string;

  @ApiPropertyOptional({ type: BreachRiskAssessmentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BreachRiskAssessmentDto)
  riskAssessment?: BreachRiskAssessmentDto;

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

  @ApiPropertyOptional({ description: 'The controller whose report this is; absent: every controller of the breach.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a policy id' })
  controller?: string;
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
