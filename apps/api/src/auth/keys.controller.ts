import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { validateBody } from '../breaches/validate-body';
import { notFound } from '../errors/api-error';
import { KEY_STORE, type KeyStore } from './key-store';
import { ROLES, Roles, type Role } from './roles';
import { WithoutReadModel } from '../consistency/read-model-log';

export class CreateKeyDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[])
  role: Role;

  @ApiPropertyOptional({ example: 'DPO office laptop' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

/** API keys (admin only). A new key is shown once in the answer; only its SHA-256 digest is kept. */
@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@WithoutReadModel()
@Controller('v1/keys')
export class KeysController {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key with one role; the key is returned once' })
  async create(@Body() body: CreateKeyDto) {
    const dto = validateBody(CreateKeyDto, body);
    const { record, key } = await this.keys.create(dto.role, dto.label);
    return { ...record, key };
  }

  @Get()
  @ApiOperation({ summary: 'Key ids, roles and labels (never the keys)' })
  list() {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key' })
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw notFound('no active key has this id');
  }
}
