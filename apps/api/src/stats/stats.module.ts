import { Module } from '@nestjs/common';
import { SubjectStatsController } from './subject-stats.controller';

/** Dashboard aggregates not kept by the projection's counters (relies on the global READ_MODEL). */
@Module({ controllers: [SubjectStatsController] })
export class StatsModule {}
