import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsInt, IsNotEmpty, IsNotEmptyObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { BREACH_REPORT_KINDS, type BreachReportKind } from '@ashiato/domain';
import { ART34_EXEMPTIONS, BREACH_CAUSES, BREACH_PROTECTIONS, GDPR_RISK_LEVELS, type Art34Exemption, type BreachProtection, type GdprRiskLevel } from '@ashiato/domain/breach';

export const CAUSE_MESSAGE = `must be one of: ${BREACH_CAUSES.join(', ')}`;

/** The controller's GDPR risk assessment (Arts. 33(1), 34) and who made it. */
export class RiskAssessmentDto {
  @ApiProperty({ enum: GDPR_RISK_LEVELS, description: 'unlikely: no notification to the authority (Art. 33(1)); risk: notify it within 72 hours; high: also tell the data subjects (Art. 34(1)).' })
  @IsIn(GDPR_RISK_LEVELS, { message: `must be one of: ${GDPR_RISK_LEVELS.join(', ')}` })
  level: GdprRiskLevel;

  @ApiProperty({ example: 'DPO', description: 'Who assessed: a role or name of the controller’s staff.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assessedBy: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  assessedAt?: string;

  @ApiPropertyOptional({ enum: ART34_EXEMPTIONS, description: 'GDPR Art. 34(3)(a)–(c).' })
  @IsOptional()
  @IsIn(ART34_EXEMPTIONS, { message: `must be one of: ${ART34_EXEMPTIONS.join(', ')}` })
  subjectNotificationExemption?: Art34Exemption;
}

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
  @IsNotEmptyObject({}, { message: 'must be an object {from, to}' })
  @ValidateNested()
  @Type(() => BreachWindowDto)
  window: BreachWindowDto;

  @ApiProperty({ example: '2026-03-21T10:00:00+09:00' })
  @IsISO8601({ strict: true })
  discoveredAt: string;

  @ApiPropertyOptional({ example: 'Customer portal intrusion at Starfield', description: 'A short human title.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: BREACH_CAUSES, example: 'unauthorizedAccess', description: 'A code of the cause vocabulary; `unknown` while under investigation. Absent or `unknown` leaves an improper purpose undetermined.' })
  @IsOptional()
  @IsIn(BREACH_CAUSES, { message: CAUSE_MESSAGE })
  cause?: string;

  @ApiPropertyOptional({ description: 'Free text about the cause; goes into the draft report only.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ enum: BREACH_PROTECTIONS, description: 'highLevelEncryption: the data could not be read (key not leaked): APPI Rules Art. 7(i) / Art. 43(i), GDPR Art. 34(3)(a).' })
  @IsOptional()
  @IsIn(BREACH_PROTECTIONS, { message: `must be one of: ${BREACH_PROTECTIONS.join(', ')}` })
  protection?: BreachProtection;

  @ApiPropertyOptional({ type: RiskAssessmentDto, description: 'For GDPR controllers: the risk assessment and who made it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskAssessmentDto)
  riskAssessment?: RiskAssessmentDto;

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

  @ApiPropertyOptional({ description: "The controller whose report this is; absent closes that kind of clock for every controller of the breach." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  controller?: string;

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
