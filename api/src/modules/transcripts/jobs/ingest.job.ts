import { type JobDefinition, type JobQueue } from '../../../jobs/job-queue';

/** Parses an uploaded original into segments and participants. */
export interface IngestTranscriptJob {
  transcriptId: string;
  /** The transcript's job generation when this job was queued; an older one is stale. */
  generation?: number;
  requestId?: string;
}

/**
 * Five attempts, 2 s doubling: the retries span about 30 s, long enough to ride out a database
 * or Redis restart. Work whose job was lost beyond that is queued again by the reconciler.
 */
export const INGEST_TRANSCRIPT: JobDefinition<IngestTranscriptJob> = {
  queue: 'transcript-ingest',
  attempts: 5,
  backoffMs: 2_000,
};

/** One job per transcript and generation: queueing the same work twice is a no-op. */
export const ingestJobId = (transcriptId: string, generation: number) =>
  `ingest-${transcriptId}-${generation}`;

export function queueIngest(
  jobs: JobQueue,
  transcriptId: string,
  generation: number,
): Promise<void> {
  return jobs.enqueue(
    INGEST_TRANSCRIPT,
    { transcriptId, generation },
    { jobId: ingestJobId(transcriptId, generation) },
  );
}
