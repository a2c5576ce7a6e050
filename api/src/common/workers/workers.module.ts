import { Global, Module } from '@nestjs/common';
import { WorkerPool } from './worker-pool';

/** The one pool of worker threads for CPU-heavy work, injectable everywhere. */
@Global()
@Module({ providers: [WorkerPool], exports: [WorkerPool] })
export class WorkersModule {}
