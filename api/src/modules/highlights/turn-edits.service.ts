import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, notFound } from '../../common/errors/domain-error';
import { ChangeKind, LiveEvents, TurnChangeKind } from '../../common/pubsub/live-events';
import { allowLongStatements, inTransaction } from '../../database/transaction';
import { queryFirstRow, queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { ParticipantsService } from '../participants/participants.service';
import { SpeakerMappingsService } from '../transcripts/speakers/speaker-mappings.service';
import { TranscriptStatus } from '../transcripts/transcript.entity';
import { TurnWrites } from '../transcripts/turn-writes';
import { refreshAttribution } from './attribution';
import { MAX_TURN_CHARS } from './corrections.types';
import { HighlightsService } from './highlights.service';
import { segmentViews } from './segment-view';
import { planMerge, planSplit, spanAfterMerge, spanAfterSplit } from './turn-edits';
import {
  type MergeSegmentsInput,
  type SegmentMergeType,
  type SegmentSplitType,
  type SplitSegmentInput,
} from './turn-edits.types';
import { type TurnEditEvent, TurnEditHook } from './turn-edit.hook';
import {
  type Followed,
  followHighlights,
  lockTouching,
  refreshHighlightIndexes,
  type TouchingHighlight,
  turnsCovering,
} from './turn-references';

interface TranscriptRow {
  id: string;
  status: TranscriptStatus;
  ts_config: string;
  project_id: string;
  workspace_id: string;
  title: string;
}

interface TurnRow {
  id: string;
  index: number;
  text: string;
  speaker: string | null;
  participant_id: string | null;
  start_ms: number | null;
  end_ms: number | null;
}

const TURN_COLUMNS = `id, index, text, speaker, participant_id, start_ms, end_ms`;

interface Outcome extends Followed {
  flagged: string[];
}

/**
 * Splitting a turn in two and merging a turn with the next, for what an import cut or joined
 * wrongly. Highlights move with their words (turn-edits.ts): re-anchored when they still say the
 * same, else flagged as needing attention, never dropped; what else points at turns follows
 * (turn-references.ts).
 *
 * Locks: the transcript row first (FOR NO KEY UPDATE, so splits and merges of one transcript
 * take turns while highlights can still be made), then the edited turns FOR UPDATE as
 * corrections do, then the later turns as their indexes move, and only then the highlights and
 * suggestions touching the edit — the order corrections take turn then highlights in, so the two
 * wait for each other instead of deadlocking. A deadlock with other work is retried.
 */
@Injectable()
export class TurnEditsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly participants: ParticipantsService,
    private readonly highlights: HighlightsService,
    private readonly turnWrites: TurnWrites,
    private readonly speakerMappings: SpeakerMappingsService,
    private readonly followers: TurnEditHook,
    private readonly live: LiveEvents,
  ) {}

  async split(user: AuthUser, input: SplitSegmentInput): Promise<SegmentSplitType> {
    const outcome = await inTransaction(this.db, async (tx) => {
      await allowLongStatements(tx);
      const transcript = await this.lockTranscript(tx, input.segmentId);
      const turn = await this.lockTurn(tx, transcript.id, `id = $2`, [input.segmentId]);
      if (!turn) throw notFound('Segment');
      const plan = planSplit(
        { text: turn.text, startMs: turn.start_ms, endMs: turn.end_ms },
        input.offset,
      );

      await this.turnWrites.shift(tx, transcript.id, turn.index, 1);
      await this.turnWrites.rewrite(tx, turn.id, plan.first.text, plan.first.endMs, user.id);
      const secondId = await this.turnWrites.insert(tx, {
        transcriptId: transcript.id,
        index: turn.index + 1,
        speaker: turn.speaker,
        participantId: turn.participant_id,
        startMs: plan.second.startMs,
        endMs: plan.second.endMs,
        text: plan.second.text,
        tsConfig: transcript.ts_config,
        editedById: user.id,
      });
      const ids = { first: turn.id, second: secondId };

      const followed = await this.follow(tx, {
        transcriptId: transcript.id,
        edit: { kind: 'split', index: turn.index },
        touching: { where: `s1.index <= $2 AND s2.index >= $2`, params: [turn.index] },
        edited: { from: turn.index, to: turn.index + 1 },
        move: (span) => spanAfterSplit(plan, ids, span),
      });
      // Undoing a speaker mapping that moved the turn moves both of its parts back.
      await this.speakerMappings.followSplit(tx, transcript.id, ids.first, ids.second);
      const outcome = await this.finish(tx, followed);
      await this.record(tx, user, transcript, outcome, {
        verb: 'segment.split',
        what: `split turn ${turn.index + 1} of “${transcript.title}” in two`,
        data: { segmentId: ids.first, newSegmentId: ids.second, offset: input.offset },
      });
      return { ...outcome, ids, transcriptId: transcript.id };
    });
    await this.highlights.announce(ChangeKind.UPDATED, outcome.touching);
    await this.live.turns(TurnChangeKind.SPLIT, outcome.transcriptId, [
      outcome.ids.first,
      outcome.ids.second,
    ]);
    const [first, second] = await segmentViews(this.db, this.participants, [
      outcome.ids.first,
      outcome.ids.second,
    ]);
    return {
      first: first!,
      second: second!,
      reanchoredCount: outcome.reanchored.length,
      flagged: await this.highlights.getMany(outcome.flagged),
    };
  }

  async merge(user: AuthUser, input: MergeSegmentsInput): Promise<SegmentMergeType> {
    const outcome = await inTransaction(this.db, async (tx) => {
      await allowLongStatements(tx);
      const transcript = await this.lockTranscript(tx, input.firstSegmentId);
      const first = await this.lockTurn(tx, transcript.id, `id = $2`, [input.firstSegmentId]);
      if (!first) throw notFound('Segment');
      const second = await this.lockTurn(tx, transcript.id, `index = $2`, [first.index + 1]);
      if (!second)
        throw badInput(
          'This is the last turn of the transcript: there is no next turn to merge it with.',
        );
      if (input.secondSegmentId && input.secondSegmentId !== second.id)
        throw conflict(
          'The turns here were just split or merged by someone else; reload to see them as they are now.',
        );
      const plan = planMerge(
        { text: first.text, startMs: first.start_ms, endMs: first.end_ms },
        { text: second.text, startMs: second.start_ms, endMs: second.end_ms },
      );
      if (plan.merged.text.length > MAX_TURN_CHARS)
        throw badInput(
          `The merged turn would be ${plan.merged.text.length.toLocaleString('en-US')} characters long; a turn holds at most ${MAX_TURN_CHARS.toLocaleString('en-US')}.`,
        );

      await this.turnWrites.rewrite(tx, first.id, plan.merged.text, plan.merged.endMs, user.id);
      // The second turn leaves the sequence (parked at -1) until nothing points at it any more.
      await this.turnWrites.park(tx, second.id);
      await this.turnWrites.shift(tx, transcript.id, second.index, -1);
      const ids = { first: first.id, second: second.id };

      const followed = await this.follow(tx, {
        transcriptId: transcript.id,
        edit: { kind: 'merge', index: first.index },
        touching: {
          where: `(s1.index <= $2 AND s2.index >= $2) OR x.start_segment_id = $3 OR x.end_segment_id = $3`,
          params: [first.index, second.id],
        },
        edited: { from: first.index, to: first.index },
        move: (span) => spanAfterMerge(plan, ids, span),
      });
      await this.speakerMappings.forgetTurn(tx, transcript.id, second.id);
      await this.turnWrites.remove(tx, transcript.id, second.id);
      // The merged turn has the first turn's speaker: highlights are attributed anew.
      await refreshAttribution(tx, `h.id = ANY($1::uuid[])`, [followed.touching]);
      const outcome = await this.finish(tx, followed);
      await this.record(tx, user, transcript, outcome, {
        verb: 'segment.merged',
        what: `merged turns ${first.index + 1} and ${first.index + 2} of “${transcript.title}”`,
        data: { segmentId: first.id, removedSegmentId: second.id },
      });
      return { ...outcome, ids, transcriptId: transcript.id };
    });
    await this.highlights.announce(ChangeKind.UPDATED, outcome.touching);
    await this.live.turns(
      TurnChangeKind.MERGED,
      outcome.transcriptId,
      [outcome.ids.first],
      outcome.ids.second,
    );
    const [segment] = await segmentViews(this.db, this.participants, [outcome.ids.first]);
    return {
      segment: segment!,
      removedSegmentId: outcome.ids.second,
      reanchoredCount: outcome.reanchored.length,
      flagged: await this.highlights.getMany(outcome.flagged),
    };
  }

  /**
   * Moves the highlights touching the edit with their words, then lets the other modules'
   * anchored rows follow (TurnEditHook), then refreshes the highlights' turn indexes.
   */
  private async follow(tx: EntityManager, event: TurnEditEvent): Promise<Followed> {
    const highlights = await lockTouching<TouchingHighlight>(
      tx,
      'highlight',
      event.transcriptId,
      event.touching,
      ', x.needs_attention',
    );
    const turns = await turnsCovering(tx, event.transcriptId, highlights, event.edited);
    const followed = await followHighlights(tx, highlights, turns, event.move);
    await this.followers.run(tx, event);
    await refreshHighlightIndexes(tx, event.transcriptId);
    return followed;
  }

  /** The transcript of a turn, locked against other splits and merges; it must be READY. */
  private async lockTranscript(tx: EntityManager, segmentId: string): Promise<TranscriptRow> {
    const row = await queryFirstRow<TranscriptRow>(
      tx,
      `SELECT t.id, t.status, t.ts_config, t.project_id, t.title, p.workspace_id
         FROM transcript t JOIN project p ON p.id = t.project_id
        WHERE t.id = (SELECT transcript_id FROM segment WHERE id = $1)
          FOR NO KEY UPDATE OF t`,
      [segmentId],
    );
    if (!row) throw notFound('Segment');
    if (row.status !== TranscriptStatus.READY) throw badInput('The transcript is not ready yet.');
    return row;
  }

  /** One turn of the transcript (`where` over its columns, from $2), read and locked as it is now. */
  private async lockTurn(
    tx: EntityManager,
    transcriptId: string,
    where: string,
    params: unknown[],
  ): Promise<TurnRow | undefined> {
    const row = await queryFirstRow<TurnRow>(
      tx,
      `SELECT ${TURN_COLUMNS} FROM segment WHERE transcript_id = $1 AND ${where} FOR UPDATE`,
      [transcriptId, ...params],
    );
    return row;
  }

  /** Which touching highlights need attention now (also those flagged before). */
  private async finish(tx: EntityManager, followed: Followed): Promise<Outcome> {
    const flagged = await queryRows<{ id: string }>(
      tx,
      `SELECT id FROM highlight WHERE id = ANY($1::uuid[]) AND needs_attention ORDER BY id`,
      [followed.touching],
    );
    return { ...followed, flagged: flagged.map((f) => f.id) };
  }

  private async record(
    tx: EntityManager,
    user: AuthUser,
    transcript: TranscriptRow,
    outcome: Outcome,
    event: { verb: string; what: string; data: Record<string, unknown> },
  ): Promise<void> {
    const n = outcome.flagged.length;
    await this.activity.record(tx, {
      workspaceId: transcript.workspace_id,
      projectId: transcript.project_id,
      actorId: user.id,
      verb: event.verb,
      summary:
        `${user.name} ${event.what}` +
        (n ? `; ${n} highlight${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} attention` : ''),
      data: {
        transcriptId: transcript.id,
        ...event.data,
        reanchored: outcome.reanchored.length,
        flagged: outcome.flagged,
      },
    });
  }
}
