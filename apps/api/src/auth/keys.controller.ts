import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateKeyCommand, ListKeysQuery, RevokeKeyCommand } from '@ashiato/application';
import { CreateKeySchema } from '@ashiato/domain';
import { validateBody } from '../breaches/validate-body';
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
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key with one role; the key is returned once' })
  @ApiBody({ schema: contractRef('CreateKey') })
  async create(@Body() body: unknown) {
    const dto = validateBody(CreateKeySchema, body);
    const { record, key } = await this.commands.execute(new CreateKeyCommand(dto.role, dto.label));
    return { ...record, key };
  }

  @Get()
  @ApiOperation({ summary: 'Key ids, roles and labels (never the keys)' })
  list() {
    return this.queries.execute(new ListKeysQuery());
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key' })
  async revoke(@Param('id') id: string): Promise<void> {
    await this.commands.execute(new RevokeKeyCommand(id));
  }
}
