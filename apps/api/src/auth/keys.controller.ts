import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateKeySchema } from '@ashiato/domain';
import { validateBody } from '../breaches/validate-body';
import { notFound } from '../errors/api-error';
import { KEY_STORE, type KeyStore } from '@ashiato/control';
import { Roles } from './roles';
import { contractRef } from '../openapi/contract-schemas';
import { WithoutReadModel } from '../consistency/read-model-log';

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
  @ApiBody({ schema: contractRef('CreateKey') })
  async create(@Body() body: unknown) {
    const dto = validateBody(CreateKeySchema, body);
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
