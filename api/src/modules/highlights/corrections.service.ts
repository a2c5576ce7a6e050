import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { ChangeKind, LiveEvents, TurnChangeKind } from '../../common/pubsub/live-events';
import { badInput, conflict, notFound } from '../../common/errors/domain-error';
import { executeSql, queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { ParticipantsService } from '../participants/participants.service';
import { TranscriptsService } from '../transcripts/transcripts.service';
import { type AnchorSegment, resolveAnchorOrNull } from './anchor';
import { refreshAttribution } from './attribution';
import { type CorrectSegmentInput, type SegmentCorrectionType } from './corrections.types';
import { HighlightsService } from './highlights.service';
import { segmentViews } from './segment-view';
import { carry, diffTexts, findQuote, type Reanchored, reanchorInTurn } from './reanchor';

interface TurnRow {
  id: string;
  transcript_id: string;
  index: number;
  text: string;
  project_id: string;
  workspace_id: string;
  title: string;
  participant_id: string | null;
}

interface TouchingRow {
  id: string;
  start_segment_id: string;
  start_offset: number;
  end_segment_id: string;
  end_offset: number;
  start_index: number;
  end_index: number;
  quote: string;
  prefix: string;
  suffix: string;
  needs_attention: boolean;
}

/** Highlights whose span includes the turn at `$2` of transcript `$1` (over h, s1, s2). */
const TOUCHING = `h.transcript_id = $1 AND s1.index <= $2 AND s2.index >= $2`;

/**
 * Transcript corrections: an editor fixes a turn's text or speaker, and every highlight that
 * starts, ends or spans across that turn is re-anchored (reanchor.ts) or, failing that, flagged
 * as needing attention and kept. A highlight that is not flagged always quotes exactly the
 * transcript text between its positions.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly participants: ParticipantsService,
    private readonly highlights: HighlightsService,
    private readonly transcripts: TranscriptsService,
    private readonly live: LiveEvents,
  ) {}

  async correct(user: AuthUser, input: CorrectSegmentInput): Promise<SegmentCorrectionType> {
    const text = input.text === undefined || input.text === null ? null : input.text.trim();
    if (text === '') throw badInput('text must not be empty.');
    const outcome = await this.db.transaction(async (tx) => {
      const turn = await this.lockTurn(tx, input.segmentId);
      if (typeof input.expectedText === 'string' && input.expectedText !== turn.text)
        throw conflict(
          'Someone changed this turn while you were editing it. Compare with its text now and save again.',
          { currentText: turn.text },
        );
      const speaker = input.participantId
        ? await this.participantOf(tx, turn.project_id, input.participantId)
        : null;
      const newText = text ?? turn.text;
      const textChanged = newText !== turn.text;
      const speakerChanged = speaker !== null && speaker.id !== turn.participant_id;
      if (!textChanged && !speakerChanged)
        throw badInput('Nothing to correct: the turn already has this text and speaker.');
      await this.transcripts.correctTurnIn(tx, turn.id, { text: newText, speaker }, user.id);
      const reanchored = textChanged ? await this.reanchor(tx, turn, newText) : 0;
      if (speakerChanged) await refreshAttribution(tx, TOUCHING, [turn.transcript_id, turn.index]);
      const flagged = await queryRows<{ id: string }>(
        tx,
        `SELECT h.id FROM highlight h JOIN segment s1 ON s1.id = h.start_segment_id JOIN segment s2 ON s2.id = h.end_segment_id
          WHERE ${TOUCHING} AND h.needs_attention`,
        [turn.transcript_id, turn.index],
      );
      const changes = [textChanged && 'text', speakerChanged && 'speaker']
        .filter(Boolean)
        .join(' and ');
      await this.activity.record(tx, {
        workspaceId: turn.workspace_id,
        projectId: turn.project_id,
        actorId: user.id,
        verb: 'segment.corrected',
        summary:
          `${user.name} corrected the ${changes} of turn ${turn.index + 1} in “${turn.title}”` +
          (flagged.length
            ? `; ${flagged.length} highlight${flagged.length === 1 ? '' : 's'} need${flagged.length === 1 ? 's' : ''} attention`
            : ''),
        data: {
          transcriptId: turn.transcript_id,
          segmentId: turn.id,
          reanchored,
          flagged: flagged.map((f) => f.id),
        },
      });
      const touching = await queryRows<{ id: string }>(
        tx,
        `SELECT h.id FROM highlight h JOIN segment s1 ON s1.id = h.start_segment_id JOIN segment s2 ON s2.id = h.end_segment_id
          WHERE ${TOUCHING}`,
        [turn.transcript_id, turn.index],
      );
      return {
        reanchored,
        flagged: flagged.map((f) => f.id),
        touching: touching.map((h) => h.id),
        transcriptId: turn.transcript_id,
      };
    });
    // Moved, flagged or attributed to the new speaker: colleagues in the reader see it.
    await this.highlights.announce(ChangeKind.UPDATED, outcome.touching);
    await this.live.turns(TurnChangeKind.CORRECTED, outcome.transcriptId, [input.segmentId]);
    return {
      segment: (await segmentViews(this.db, this.participants, [input.segmentId]))[0]!,
      reanchoredCount: outcome.reanchored,
      flagged: await this.highlights.getMany(outcome.flagged),
    };
  }

  private async lockTurn(tx: EntityManager, segmentId: string): Promise<TurnRow> {
    const rows = await queryRows<TurnRow>(
      tx,
      `SELECT s.id, s.transcript_id, s.index, s.text, s.participant_id, t.project_id, t.title, p.workspace_id
         FROM segment s JOIN transcript t ON t.id = s.transcript_id JOIN project p ON p.id = t.project_id
        WHERE s.id = $1
          FOR UPDATE OF s`,
      [segmentId],
    );
    if (!rows[0]) throw notFound('Segment');
    return rows[0];
  }

  private async participantOf(
    tx: EntityManager,
    projectId: string,
    participantId: string,
  ): Promise<{ id: string; label: string }> {
    const rows = await queryRows<{ id: string; label: string }>(
      tx,
      `SELECT id, label FROM participant WHERE id = $1 AND project_id = $2`,
      [participantId, projectId],
    );
    if (!rows[0]) throw badInput('participantId must be a participant of the same project.');
    return rows[0];
  }

  /** Re-anchors or flags every highlight touching the turn; returns how many stay anchored. */
  private async reanchor(tx: EntityManager, turn: TurnRow, newText: string): Promise<number> {
    const touching = await queryRows<TouchingRow>(
      tx,
      `SELECT h.id, h.start_segment_id, h.start_offset, h.end_segment_id, h.end_offset, h.quote, h.prefix, h.suffix,
              h.needs_attention, s1.index AS start_index, s2.index AS end_index
         FROM highlight h JOIN segment s1 ON s1.id = h.start_segment_id JOIN segment s2 ON s2.id = h.end_segment_id
        WHERE ${TOUCHING}
          FOR UPDATE OF h`,
      [turn.transcript_id, turn.index],
    );
    if (!touching.length) return 0;
    // The turns these highlights cover, the corrected one already with its new text.
    const turns = await queryRows<AnchorSegment>(
      tx,
      `SELECT id, index, text FROM segment WHERE transcript_id = $1 AND index BETWEEN $2 AND $3 ORDER BY index`,
      [
        turn.transcript_id,
        Math.min(...touching.map((h) => h.start_index)),
        Math.max(...touching.map((h) => h.end_index)),
      ],
    );
    let reanchored = 0;
    for (const h of touching) {
      const placed = place(h, turn, newText);
      const start = { segmentId: h.start_segment_id, offset: placed.start ?? h.start_offset };
      const end = { segmentId: h.end_segment_id, offset: placed.end ?? h.end_offset };
      if (placed.ok) {
        const anchor = resolveAnchorOrNull(
          turns.filter((s) => s.index >= h.start_index && s.index <= h.end_index),
          start,
          end,
        );
        if (anchor) {
          await executeSql(
            tx,
            `UPDATE highlight SET start_offset = $2, end_offset = $3, quote = $4, prefix = $5, suffix = $6,
                    needs_attention = false, updated_at = now()
              WHERE id = $1`,
            [h.id, start.offset, end.offset, anchor.quote, anchor.prefix, anchor.suffix],
          );
          reanchored++;
          continue;
        }
      }
      // Kept with the quote as it was highlighted; the positions are a best guess in the new text.
      await executeSql(
        tx,
        `UPDATE highlight SET start_offset = $2, end_offset = $3, needs_attention = true, updated_at = now() WHERE id = $1`,
        [h.id, start.offset, end.offset],
      );
    }
    return reanchored;
  }
}

/** Where the highlight's ends in the corrected turn now are, and whether it is still anchored. */
function place(h: TouchingRow, turn: TurnRow, newText: string): Reanchored {
  const startsHere = h.start_segment_id === turn.id;
  const endsHere = h.end_segment_id === turn.id;
  const span = { start: startsHere ? h.start_offset : null, end: endsHere ? h.end_offset : null };
  if (!h.needs_attention)
    return reanchorInTurn(turn.text, newText, { ...span, prefix: h.prefix, suffix: h.suffix });
  // Flagged by an earlier correction: anchored again only if its exact quote is back in the turn.
  const guess = carry(diffTexts(turn.text, newText), span, turn.text, newText);
  if (startsHere && endsHere) {
    const at = findQuote(newText, h.quote, h, guess.start ?? 0);
    if (at !== null) return { ok: true, start: at, end: at + h.quote.length };
  }
  return { ok: false, ...guess };
}
