import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNotEmptyObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PROVISION_BASES } from '@ashiato/domain';
import { SourceDto, SubjectEventBaseDto } from './event-base.dto';
import { ID_PATTERN, IsIdList } from './validators';

const holderOptions = { description: 'Who holds or acts; defaults to the controller.', example: 'starfield-technologies' };
const ID_MESSAGE = { message: 'must be an id (letters, digits, ".", "_", "-")' };

export class DataAcquiredDto extends SubjectEventBaseDto {
  @ApiProperty({ type: [String], example: ['email', 'name'] })
  @IsIdList()
  items: string[];

  @ApiProperty({ type: SourceDto })
  @IsNotEmptyObject({}, { message: 'must be an object {kind, name?}' })
  @ValidateNested()
  @Type(() => SourceDto)
  source: SourceDto;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsIdList({ allowEmpty: true })
  purposes?: string[];

  @ApiPropertyOptional(holderOptions)
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  holder?: string;
}

export class DataUsedDto extends SubjectEventBaseDto {
  @ApiProperty({ type: [String] })
  @IsIdList()
  items: string[];

  @ApiProperty({ type: [String] })
  @IsIdList()
  purposes: string[];

  @ApiPropertyOptional({ example: 'APPI-18-3-i', description: 'Statutory exception code.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  exception?: string;

  @ApiPropertyOptional(holderOptions)
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  holder?: string;
}

export class DataProvidedDto extends SubjectEventBaseDto {
  @ApiProperty({ type: [String] })
  @IsIdList()
  items: string[];

  @ApiProperty({ description: 'A recipient id of the policy, or the name of an undeclared party.', example: 'starfield-technologies' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  recipient: string;

  @ApiProperty({ type: [String] })
  @IsIdList()
  purposes: string[];

  @ApiPropertyOptional({ enum: PROVISION_BASES })
  @IsOptional()
  @IsIn(PROVISION_BASES as unknown as string[])
  basis?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  consentRef?: string;

  @ApiPropertyOptional(holderOptions)
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  holder?: string;
}

export class DataErasedDto extends SubjectEventBaseDto {
  @ApiProperty({ type: [String] })
  @IsIdList()
  items: string[];

  @ApiPropertyOptional({ description: 'Defaults to the controller; a recipient confirming its own erasure names itself.' })
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  holder?: string;

  @ApiProperty({ example: 'subjectRequest' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}

class ConsentDto extends SubjectEventBaseDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsIdList({ allowEmpty: true })
  purposes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsIdList({ allowEmpty: true })
  recipients?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsIdList({ allowEmpty: true })
  items?: string[];
}

export class ConsentGivenDto extends ConsentDto {}

export class ConsentWithdrawnDto extends ConsentDto {}
