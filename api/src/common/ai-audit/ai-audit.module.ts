import { Module } from '@nestjs/common';
import { AiAuditRetention } from './ai-audit-retention';

/** The audit of what was sent to AI providers: its retention (one sweep for every audit table). */
@Module({ providers: [AiAuditRetention], exports: [AiAuditRetention] })
export class AiAuditModule {}
