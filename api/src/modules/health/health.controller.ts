import { Controller, Get, HttpException, Inject, type OnModuleDestroy } from '@nestjs/common';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/public.decorator';
import { executeSql } from '../../database/sql';
import { JobQueue } from '../../jobs/job-queue';

interface HealthBody {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  jobs: string;
  uptimeSeconds: number;
  /** Event-loop delay since start, in ms: shows the api stays responsive during heavy work. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Peak resident set size of this process, in MB. */
  maxRssMb: number;
}

/** Liveness and readiness: 200 once the database answers, 503 otherwise. */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  constructor(
    private readonly db: DataSource,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    this.loop.enable();
  }

  onModuleDestroy(): void {
    this.loop.disable();
  }

  @Public()
  @Get()
  async check(): Promise<HealthBody> {
    const database = await executeSql(this.db, 'SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const body: HealthBody = {
      status: database === 'up' ? 'ok' : 'unavailable',
      database,
      jobs: this.jobs.kind,
      uptimeSeconds: Math.round(process.uptime()),
      eventLoopDelayMs: {
        p50: ms(this.loop.percentile(50)),
        p99: ms(this.loop.percentile(99)),
        max: ms(this.loop.max),
      },
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    if (database !== 'up') throw new HttpException(body, 503);
    return body;
  }
}
