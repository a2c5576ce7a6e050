import { Module } from '@nestjs/common';
import { HighlightsResolver } from './highlights.resolver';
import { HighlightsService } from './highlights.service';

@Module({ providers: [HighlightsService, HighlightsResolver], exports: [HighlightsService] })
export class HighlightsModule {}
