import { type JobDefinition } from '../../../jobs/job-queue';

/** Parses an uploaded original into segments and participants. */
export interface IngestTranscriptJob {
  transcriptId: string;
  requestId?: string;
}

export const INGEST_TRANSCRIPT: JobDefinition<IngestTranscriptJob> = {
  queue: 'transcript-ingest',
  attempts: 3,
  backoffMs: 2_000,
};

/** One job per transcript: a re-enqueue while it is pending is a no-op. */
export const ingestJobId = (transcriptId: string) => `ingest-${transcriptId}`;
