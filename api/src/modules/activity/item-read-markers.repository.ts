import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOneRow, queryRows } from '../../database/sql';
import { ReadState } from './read-state.types';

export interface TranscriptNews {
  state: ReadState;
  /** Highlights others made after the caller last opened it (all of theirs when never opened). */
  unseenHighlights: number;
}

/** When each user last opened each transcript and board, and what is new to them since. */
@Injectable()
export class ItemReadMarkersRepository {
  constructor(private readonly db: DataSource) {}

  async markTranscriptSeen(userId: string, transcriptId: string): Promise<Date> {
    const row = await queryOneRow<{ seen_at: Date }>(
      this.db,
      `INSERT INTO transcript_read_marker (user_id, transcript_id, seen_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, transcript_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
       RETURNING seen_at`,
      [userId, transcriptId],
    );
    return row.seen_at;
  }

  /**
   * Stores the board version the user had in front of them, never beyond the board's own nor
   * back from a later one (two tabs closing in any order). Answers the stored version.
   */
  async markBoardSeen(userId: string, boardId: string, version: number): Promise<number> {
    const row = await queryOneRow<{ seen_version: number }>(
      this.db,
      `INSERT INTO board_read_marker (user_id, board_id, seen_version, seen_at)
       SELECT $1, b.id, LEAST($3::int, b.version), now() FROM board b WHERE b.id = $2
       ON CONFLICT (user_id, board_id) DO UPDATE
          SET seen_version = GREATEST(board_read_marker.seen_version, EXCLUDED.seen_version),
              seen_at = EXCLUDED.seen_at
       RETURNING seen_version`,
      [userId, boardId, version],
    );
    return row.seen_version;
  }

  /** What is new to the user in these transcripts, in one statement. */
  async transcriptNews(
    userId: string,
    transcriptIds: string[],
  ): Promise<ReadonlyMap<string, TranscriptNews>> {
    const rows = await queryRows<{
      id: string;
      opened: boolean;
      mine: boolean;
      unseen: number;
    }>(
      this.db,
      `SELECT t.id, m.seen_at IS NOT NULL AS opened,
              t.uploaded_by_id IS NOT DISTINCT FROM $1 AS mine,
              (SELECT count(*)::int FROM highlight h
                WHERE h.transcript_id = t.id AND h.author_id IS DISTINCT FROM $1
                  AND (m.seen_at IS NULL OR h.created_at > m.seen_at)) AS unseen
         FROM transcript t
         LEFT JOIN transcript_read_marker m ON m.transcript_id = t.id AND m.user_id = $1
        WHERE t.id = ANY($2::uuid[])`,
      [userId, transcriptIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          state: stateOf(r.opened, r.mine, r.unseen > 0),
          unseenHighlights: r.unseen,
        },
      ]),
    );
  }

  /** What is new to the user on these boards, in one statement. */
  async boardStates(userId: string, boardIds: string[]): Promise<ReadonlyMap<string, ReadState>> {
    const rows = await queryRows<{ id: string; opened: boolean; mine: boolean; changed: boolean }>(
      this.db,
      `SELECT b.id, m.seen_version IS NOT NULL AS opened,
              b.created_by_id IS NOT DISTINCT FROM $1 AS mine,
              b.version > COALESCE(m.seen_version, b.version) AS changed
         FROM board b
         LEFT JOIN board_read_marker m ON m.board_id = b.id AND m.user_id = $1
        WHERE b.id = ANY($2::uuid[])`,
      [userId, boardIds],
    );
    return new Map(rows.map((r) => [r.id, stateOf(r.opened, r.mine, r.changed)]));
  }
}

function stateOf(opened: boolean, mine: boolean, changed: boolean): ReadState {
  if (!opened && !mine) return ReadState.NEW;
  return changed ? ReadState.UPDATED : ReadState.SEEN;
}
