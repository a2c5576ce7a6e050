import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { executeSql, queryRows } from '../../database/sql';
import { ParticipantChangeHook } from '../participants/participant-change.hook';
import { TagMergeHook } from '../tags/tag-merge.hook';
import { TranscriptChangeHook } from '../transcripts/transcript-change.hook';
import { refreshAttribution } from './attribution';

/**
 * What the highlights module follows of the modules it depends on: their changes that change
 * highlight rows, run inside their transactions (see common/hooks/hook.ts).
 */
@Injectable()
export class HighlightsListeners implements OnModuleInit {
  constructor(
    private readonly tagMerges: TagMergeHook,
    private readonly transcripts: TranscriptChangeHook,
    private readonly participants: ParticipantChangeHook,
  ) {}

  onModuleInit(): void {
    this.tagMerges.on('highlights', (tx, merge) =>
      giveTargetTag(tx, merge.sourceId, merge.targetId),
    );
    this.transcripts.on('highlights', async (tx, change) => {
      // Highlights are attributed to the first non-interviewer they cover.
      if (change.kind === 'speakers')
        await refreshAttribution(tx, `h.transcript_id = $1`, [change.transcriptId]);
      else await reindexQuotes(tx, change.transcriptId, change.tsConfig);
    });
    this.participants.on('highlights', (tx, change) =>
      refreshAttribution(
        tx,
        `h.transcript_id IN (SELECT DISTINCT transcript_id FROM segment WHERE participant_id = $1)`,
        [change.participantId],
      ),
    );
  }
}

/**
 * The target is added to every highlight of the source; a highlight that had both keeps one row:
 * the earlier date, and HUMAN if either was. The source's rows go with the source tag.
 */
async function giveTargetTag(
  tx: EntityManager,
  sourceId: string,
  targetId: string,
): Promise<number> {
  const moved = await queryRows<object>(
    tx,
    `INSERT INTO highlight_tag (highlight_id, tag_id, source, created_at)
     SELECT highlight_id, $2, source, created_at FROM highlight_tag WHERE tag_id = $1
     ON CONFLICT (highlight_id, tag_id) DO UPDATE
       SET created_at = LEAST(highlight_tag.created_at, EXCLUDED.created_at),
           source = CASE WHEN EXCLUDED.source = 'HUMAN' THEN 'HUMAN'::tag_source ELSE highlight_tag.source END
     RETURNING highlight_id`,
    [sourceId, targetId],
  );
  return moved.length;
}

/** The search index of the transcript's highlights (quote and note), stemmed for `tsConfig`. */
async function reindexQuotes(
  tx: EntityManager,
  transcriptId: string,
  tsConfig: string,
): Promise<void> {
  await executeSql(
    tx,
    `UPDATE highlight_search hs SET ts_config = $2::text, tsv = verbatim_tsvector($2::text, h.quote || ' ' || coalesce(h.note, ''))
       FROM highlight h WHERE h.id = hs.highlight_id AND h.transcript_id = $1`,
    [transcriptId, tsConfig],
  );
}
