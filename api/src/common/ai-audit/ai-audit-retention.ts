import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { deleteExpiredProviderExchanges } from './provider-exchanges';

/** Every hour, deletes what was sent to AI providers longer ago than AI_AUDIT_RETENTION. */
@Injectable()
export class AiAuditRetention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AiAuditRetention.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const sweep = () =>
      this.sweep().catch((error: unknown) => this.logger.warn(`audit retention: ${String(error)}`));
    void sweep();
    this.timer = setInterval(() => void sweep(), 60 * 60 * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Deletes the expired audit of analysis runs and theme suggestions; how many rows went. */
  sweep(): Promise<number> {
    return deleteExpiredProviderExchanges(this.db, this.config.llm.auditRetentionSeconds);
  }
}
