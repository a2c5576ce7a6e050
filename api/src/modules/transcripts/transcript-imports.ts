import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { queryRows } from '../../database/sql';
import { ParticipantsService, type SpeakerTurns } from '../participants/participants.service';
import { LanguageSource, TranscriptEntity, TranscriptStatus } from './transcript.entity';
import { TranscriptLanguageService } from './language/transcript-language.service';

/** A turn of an imported transcript, already read into turns by the importer. */
export interface ImportedTurn {
  speaker: string | null;
  startMs: number | null;
  text: string;
}

export interface ImportedTranscript {
  title: string;
  filename: string;
  /** SHA-256 of the source's text, unique within the project. */
  checksum: string;
  byteSize: number;
  /** Where the file it came from is kept (the import's archive). */
  storageKey: string;
  /** Detected in the worker from the turns; null when unknown. */
  language: string | null;
  turns: readonly ImportedTurn[];
}

/** The transcript as written: its id, and its turns' ids and texts in order. */
export interface WrittenTranscript {
  id: string;
  segments: { id: string; index: number; text: string }[];
}

/**
 * Transcripts that arrive already read (a REFI-QDA import), written READY with their turns,
 * participants and search vectors exactly as an ingest writes them, inside the caller's
 * transaction.
 */
@Injectable()
export class TranscriptImports {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly language: TranscriptLanguageService,
  ) {}

  async writeIn(
    tx: EntityManager,
    projectId: string,
    userId: string,
    input: ImportedTranscript,
  ): Promise<WrittenTranscript> {
    const choice = await this.language.choice(input.language, LanguageSource.DETECTED, tx);
    const turns = input.turns.map((t) => ({
      speaker: t.speaker?.trim().slice(0, 200) || null,
      startMs: toInt(t.startMs),
      text: t.text,
    }));
    const transcript = await tx.save(
      tx.create(TranscriptEntity, {
        projectId,
        title: input.title.trim().slice(0, 300) || 'Untitled',
        filename: input.filename.slice(0, 300),
        format: 'TEXT',
        status: TranscriptStatus.READY,
        progress: 1,
        checksum: input.checksum,
        byteSize: input.byteSize,
        storageKey: input.storageKey,
        uploadedById: userId,
        language: choice.language,
        languageSource: choice.source,
        tsConfig: choice.tsConfig,
        durationMs: turns.reduce<number | null>(
          (max, t) => (t.startMs === null ? max : Math.max(max ?? 0, t.startMs)),
          null,
        ),
        segmentCount: turns.length,
        retryable: false,
      }),
    );
    const { ids, created, interviewers } = await this.participants.ensureForLabels(
      tx,
      projectId,
      transcript.id,
      turns.flatMap((t) => (t.speaker ? [t.speaker] : [])),
    );
    const participantIds = turns.map((t) => (t.speaker ? (ids.get(t.speaker) ?? null) : null));
    const segments = turns.length
      ? await queryRows<{ id: string; index: number; text: string }>(
          tx,
          `INSERT INTO segment (transcript_id, index, speaker, participant_id, start_ms, text, ts_config)
           SELECT $1, ord - 1, speaker, participant_id, start_ms, text, $6
             FROM unnest($2::text[], $3::uuid[], $4::int[], $5::text[])
                  WITH ORDINALITY AS s(speaker, participant_id, start_ms, text, ord)
           RETURNING id, index, text`,
          [
            transcript.id,
            turns.map((t) => t.speaker),
            participantIds,
            turns.map((t) => t.startMs),
            turns.map((t) => t.text),
            choice.tsConfig,
          ],
        )
      : [];
    segments.sort((a, b) => a.index - b.index);
    const speakers = new Map<string, SpeakerTurns>();
    turns.forEach((turn, i) => {
      const id = participantIds[i];
      if (!id) return;
      const counts = speakers.get(id) ?? {
        id,
        turns: 0,
        questions: 0,
        isInterviewer: interviewers.has(id),
      };
      counts.turns++;
      if (turn.text.includes('?')) counts.questions++;
      speakers.set(id, counts);
    });
    await this.participants.flagQuestioner(tx, [...speakers.values()], created);
    return { id: transcript.id, segments };
  }
}

function toInt(ms: number | null): number | null {
  return ms === null || !Number.isFinite(ms)
    ? null
    : Math.max(0, Math.min(2_147_483_647, Math.round(ms)));
}
