import { Controller, Get, Injectable, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiError, notFound } from '../errors/api-error';
import { isLoopbackHost } from '@ashiato/server-config';
import { Public, type Role } from './roles';
import { WithoutReadModel } from '../consistency/read-model-log';

/** The roles whose demo keys the dashboard may be handed: every role but `admin`. */
export type HandedRole = Exclude<Role, 'admin'>;

/** The keys demo mode created at start, without the admin key; empty outside demo mode. */
@Injectable()
export class DemoKeyRing {
  keys?: Record<HandedRole, string>;
  /** The lines of the start-up banner (keys per role), printed once the server listens. */
  banner: string[] = [];
}

/**
 * Whether the request comes from this machine: a loopback peer address, a Host header naming a
 * loopback address (so a page on another site that rebinds its DNS name to 127.0.0.1 is refused),
 * and no forwarding header (a proxy on this machine may be relaying another machine).
 */
export function isLoopbackRequest(req: Pick<Request, 'headers' | 'socket'>): boolean {
  const peer = req.socket?.remoteAddress ?? '';
  if (!isLoopbackHost(peer)) return false;
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return isLoopbackHost(host);
}

/**
 * Demo mode only (ASHIATO_DEMO=1, synthetic data): hands the dashboard on this machine the non-admin
 * keys printed at start, so a first-time user can click around without copying keys. The admin key is
 * never handed out. Outside demo mode it answers 404; to a client on another machine, 403.
 */
@ApiTags('keys')
@WithoutReadModel()
@Controller('v1/demo')
export class DemoKeysController {
  constructor(private readonly ring: DemoKeyRing) {}

  @Get('keys')
  @Public()
  @ApiOperation({ summary: 'Demo mode only, from this machine only: the non-admin keys printed at start (404 outside demo mode, 403 from elsewhere)' })
  keys(@Req() req: Request): Record<HandedRole, string> {
    if (!this.ring.keys) throw notFound('demo keys exist only in demo mode (ASHIATO_DEMO=1)');
    if (!isLoopbackRequest(req))
      throw new ApiError(403, 'DEMO_KEYS_LOOPBACK_ONLY', 'demo keys are handed only to a browser on the same machine (http://127.0.0.1 or http://localhost)');
    return { ...this.ring.keys };
  }
}
