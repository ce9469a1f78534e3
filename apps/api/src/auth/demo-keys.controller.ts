import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound } from '../errors/api-error';
import { Public, type Role } from './roles';

/** The keys demo mode created at start; empty outside demo mode. */
@Injectable()
export class DemoKeyRing {
  keys?: Record<Role, string>;
}

/**
 * Demo mode only (ASHIATO_DEMO=1, synthetic data): hands the dashboard the keys printed at start so
 * a first-time user can click around without copying keys. Outside demo mode it answers 404.
 */
@ApiTags('keys')
@Controller('v1/demo')
export class DemoKeysController {
  constructor(private readonly ring: DemoKeyRing) {}

  @Get('keys')
  @Public()
  @ApiOperation({ summary: 'Demo mode only: the per-role keys printed at start (404 otherwise)' })
  keys(): Record<Role, string> {
    if (!this.ring.keys) throw notFound('demo keys exist only in demo mode (ASHIATO_DEMO=1)');
    return this.ring.keys;
  }
}
