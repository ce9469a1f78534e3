import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EVENT_TYPES, SUBJECT_REF_PATTERN } from '@ashiato/domain';
import { ID_PATTERN, IsInstantWithOffset } from './validators';

export class EventBaseDto {
  @ApiProperty({ format: 'uuid', description: 'Idempotency key: an event with a stored eventId is skipped as a duplicate.' })
  @IsUUID('all', { message: 'must be a UUID' })
  eventId: string;

  @ApiProperty({ enum: EVENT_TYPES })
  @IsString()
  type: string;

  @ApiProperty({ example: '2026-04-01T09:30:00+09:00', description: 'ISO-8601 with offset.' })
  @IsInstantWithOffset()
  occurredAt: string;
}

/**
 * A raw identifier of the data subject. The API replaces it with `subjectRef = hmac:<hex>` (keyed
 * HMAC-SHA256) before anything is stored; it is never stored, logged or echoed.
 */
export class SubjectIdentifierDto {
  @ApiPropertyOptional({ example: 'hanako@example.jp', description: 'Trimmed and lower-cased before hashing.' })
  @IsOptional()
  // Surrounding blanks are normalised away by the hasher, so they must not fail validation either.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: '+81 90-1234-5678', description: 'Only the digits count.' })
  @IsOptional()
  @IsString()
  @Matches(/^[+\d\s().-]{5,40}$/, { message: 'must be a phone number (digits, spaces, + ( ) . -)' })
  phone?: string;

  @ApiPropertyOptional({ description: "Any other stable identifier of the person, e.g. a customer number." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalId?: string;
}

export class SubjectEventBaseDto extends EventBaseDto {
  @ApiProperty({ description: 'Policy id of the controller.', example: 'jcert' })
  @Matches(ID_PATTERN, { message: 'must be a policy id (letters, digits, ".", "_", "-")' })
  controller: string;

  @ApiPropertyOptional({ description: 'The subject ref this API produced for the person (`hmac:` + 64 hex digits). Give this or `subject`.', example: `hmac:${'0'.repeat(64)}` })
  @IsOptional()
  @Matches(SUBJECT_REF_PATTERN, { message: 'must be a subject ref (hmac: and 64 hex digits, as this API returns); send a raw identifier as subject.email / subject.phone / subject.externalId' })
  subjectRef?: string;

  @ApiPropertyOptional({ type: SubjectIdentifierDto, description: 'Raw identifier, replaced by a keyed HMAC before storage. Give this or `subjectRef`.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubjectIdentifierDto)
  subject?: SubjectIdentifierDto;
}

export const SOURCE_KIND_VALUES = ['subject', 'thirdParty', 'public', 'generated'] as const;

export class SourceDto {
  @ApiProperty({ enum: SOURCE_KIND_VALUES })
  @IsIn(SOURCE_KIND_VALUES as unknown as string[])
  kind: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}
