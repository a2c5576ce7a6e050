import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { executeSql } from '../../database/sql';
import { type TurnEditEvent, TurnEditHook } from '../highlights/turn-edit.hook';
import { follow } from '../highlights/turn-edits';
import { lockTouching, type TouchingRow, turnsCovering } from '../highlights/turn-references';

/**
 * Analysis rows follow splits and merges of turns (TurnEditHook): suggestions of any status move
 * with their words and re-anchor, or keep their old quote — accepting one then refuses, as it
 * checks that the words at its positions are still its quote; the turn indexes of suggestions
 * and the turn ranges of chunks follow the turns.
 */
@Injectable()
export class SuggestionsFollowTurnEdits implements OnModuleInit {
  constructor(private readonly turnEdits: TurnEditHook) {}

  onModuleInit(): void {
    this.turnEdits.on('analysis', (tx, event) => followTurnEdit(tx, event));
  }
}

async function followTurnEdit(tx: EntityManager, event: TurnEditEvent): Promise<void> {
  const { transcriptId, edit } = event;
  const suggestions = await lockTouching<TouchingRow>(
    tx,
    'suggestion',
    transcriptId,
    event.touching,
  );
  if (suggestions.length) {
    const turns = await turnsCovering(tx, transcriptId, suggestions, event.edited);
    for (const x of suggestions) {
      const { span, anchor } = follow(x, turns, event.move, false);
      await executeSql(
        tx,
        `UPDATE suggestion SET start_segment_id = $2, start_offset = $3, end_segment_id = $4, end_offset = $5,
                quote = coalesce($6, quote)
          WHERE id = $1`,
        [
          x.id,
          span.start.segmentId,
          span.start.offset,
          span.end.segmentId,
          span.end.offset,
          anchor?.quote ?? null,
        ],
      );
    }
  }
  await executeSql(
    tx,
    `UPDATE suggestion x SET start_index = s1.index, end_index = s2.index FROM segment s1, segment s2
      WHERE x.transcript_id = $1 AND s1.id = x.start_segment_id AND s2.id = x.end_segment_id
        AND (x.start_index <> s1.index OR x.end_index <> s2.index)`,
    [transcriptId],
  );
  // A chunk ending on the split turn now ends on its second part; one ending on the second of two
  // merged turns ends on the merged turn.
  await executeSql(
    tx,
    edit.kind === 'split'
      ? `UPDATE analysis_chunk SET first_turn = first_turn + (first_turn > $2)::int, last_turn = last_turn + (last_turn >= $2)::int
          WHERE transcript_id = $1 AND last_turn >= $2`
      : `UPDATE analysis_chunk SET first_turn = first_turn - (first_turn > $2)::int, last_turn = last_turn - (last_turn > $2)::int
          WHERE transcript_id = $1 AND last_turn > $2`,
    [transcriptId, edit.index],
  );
}
