import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { executeSql, queryOneRow } from '../../database/sql';

/** A new turn made by splitting one: it takes the next index, the speaker and the language of the old. */
export interface NewTurn {
  transcriptId: string;
  index: number;
  speaker: string | null;
  participantId: string | null;
  startMs: number | null;
  endMs: number | null;
  text: string;
  tsConfig: string;
  editedById: string;
}

/**
 * Writes to a transcript's turns for edits that other modules drive (splitting and merging turns
 * in the highlights module), inside the caller's transaction, which has locked the transcript and
 * the turns it edits.
 */
@Injectable()
export class TurnWrites {
  /**
   * Moves every turn of the transcript after index `after` by `by` (+1 or -1). The unique index on
   * (transcript, index) is checked row by row, so the turns are first parked at their negated
   * index (distinct, below zero) and then put at their new one.
   */
  async shift(tx: EntityManager, transcriptId: string, after: number, by: 1 | -1): Promise<void> {
    await executeSql(
      tx,
      `UPDATE segment SET index = -index WHERE transcript_id = $1 AND index > $2`,
      [transcriptId, after],
    );
    await executeSql(
      tx,
      `UPDATE segment SET index = -index + $3::int WHERE transcript_id = $1 AND index < -($2::int)`,
      [transcriptId, after, by],
    );
  }

  /** A turn's new text and end time, marked as edited by `userId`. */
  async rewrite(
    tx: EntityManager,
    segmentId: string,
    text: string,
    endMs: number | null,
    userId: string,
  ): Promise<void> {
    await executeSql(
      tx,
      `UPDATE segment SET text = $2, end_ms = $3, edited_at = now(), edited_by_id = $4 WHERE id = $1`,
      [segmentId, text, endMs, userId],
    );
  }

  /** Inserts a turn at `turn.index` (kept free by `shift`) and counts it; its id. */
  async insert(tx: EntityManager, turn: NewTurn): Promise<string> {
    const row = await queryOneRow<{ id: string }>(
      tx,
      `INSERT INTO segment (transcript_id, index, speaker, participant_id, start_ms, end_ms, text, ts_config, edited_at, edited_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9) RETURNING id`,
      [
        turn.transcriptId,
        turn.index,
        turn.speaker,
        turn.participantId,
        turn.startMs,
        turn.endMs,
        turn.text,
        turn.tsConfig,
        turn.editedById,
      ],
    );
    await this.count(tx, turn.transcriptId, 1);
    return row.id;
  }

  /** Takes a turn out of the sequence (index -1) until nothing points at it any more. */
  async park(tx: EntityManager, segmentId: string): Promise<void> {
    await executeSql(tx, `UPDATE segment SET index = -1 WHERE id = $1`, [segmentId]);
  }

  /** Deletes a parked turn and counts it out. */
  async remove(tx: EntityManager, transcriptId: string, segmentId: string): Promise<void> {
    await executeSql(tx, `DELETE FROM segment WHERE id = $1 AND transcript_id = $2`, [
      segmentId,
      transcriptId,
    ]);
    await this.count(tx, transcriptId, -1);
  }

  private async count(tx: EntityManager, transcriptId: string, by: 1 | -1): Promise<void> {
    await executeSql(
      tx,
      `UPDATE transcript SET segment_count = segment_count + $2, updated_at = now() WHERE id = $1`,
      [transcriptId, by],
    );
  }
}
