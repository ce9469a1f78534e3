import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';

/**
 * A controller under `/v1/stats`: figures for dashboards (counts, clocks, positions) with no subject
 * refs, so every role, `viewer` included, may read them. The one place that says who reads the stats.
 */
export const StatsRoute = (tag?: 'read models') =>
  applyDecorators(ApiBearerAuth(), ...(tag ? [ApiTags(tag)] : []), Roles('viewer', 'dpo', 'breach'), Controller('v1/stats'));
