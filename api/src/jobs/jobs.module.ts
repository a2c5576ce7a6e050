import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { type AppConfig } from '../config/env';
import { BullMqQueue } from './bullmq-queue';
import { InProcessQueue } from './in-process-queue';
import { JobQueue } from './job-queue';
import { JobReconciler } from './reconciler';

@Global()
@Module({
  providers: [
    JobReconciler,
    {
      provide: JobQueue,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): JobQueue =>
        config.redis.url
          ? new BullMqQueue(
              config.redis.url,
              config.redis.queuePrefix,
              config.role.worker,
              config.role.workerConcurrency,
              config.redis.stalledMs,
            )
          : new InProcessQueue(config.role.workerConcurrency),
    },
  ],
  exports: [JobQueue, JobReconciler],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
