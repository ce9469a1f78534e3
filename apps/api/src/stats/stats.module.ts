import { Module } from '@nestjs/common';
import { LiveStatsController } from './live-stats.controller';
import { SubjectStatsController } from './subject-stats.controller';

/** Dashboard aggregates not kept by the projection's counters, and the live position stream. */
@Module({ controllers: [SubjectStatsController, LiveStatsController] })
export class StatsModule {}
