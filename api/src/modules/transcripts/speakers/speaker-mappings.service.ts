import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../../common/auth/auth-user';
import {
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
} from '../../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../../common/pagination/connection';
import { paginate } from '../../../common/pagination/paginate';
import { LiveEvents, TurnChangeKind } from '../../../common/pubsub/live-events';
import { executeSql, queryRows } from '../../../database/sql';
import { ActivityService } from '../../activity/activity.service';
import { toUserType, type UserType } from '../../auth/auth.types';
import { UserEntity } from '../../auth/user.entity';
import { type ParticipantAttribute } from '../../participants/participant.entity';
import { ParticipantsService } from '../../participants/participants.service';
import { TranscriptChangeHook } from '../transcript-change.hook';
import { SpeakerMappingEntity } from './speaker-mapping.entity';
import {
  type MapSpeakerInput,
  type SpeakerMappingFilter,
  type SpeakerMappingType,
  type UndoSpeakerMappingInput,
} from './speaker-mappings.types';

interface TranscriptRow {
  id: string;
  project_id: string;
  workspace_id: string;
  title: string;
}

interface LockedParticipant {
  id: string;
  project_id: string;
  display_name: string;
  attributes: ParticipantAttribute[];
}

interface MappingRow {
  id: string;
  project_id: string;
  transcript_id: string;
  source_participant_id: string;
  target_participant_id: string;
  segment_ids: string[];
  added_attributes: ParticipantAttribute[];
  created_at: Date;
  undone_at: Date | null;
  title: string;
  workspace_id: string;
}

/**
 * "Speaker 1 of interview 3 is Maria": gives a transcript's speaker to an existing participant
 * of the project, and takes it back. A mapping moves the speaker's turns in that one transcript
 * to the target (highlights follow, being attributed by turn) and copies the attributes the
 * target lacks; it records exactly what it moved, so that undoing it restores that and leaves
 * later changes alone. Rows are locked in a fixed order, so two people mapping the same speaker
 * at once get one mapping and a CONFLICT.
 */
@Injectable()
export class SpeakerMappingsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly participants: ParticipantsService,
    private readonly changes: TranscriptChangeHook,
    private readonly live: LiveEvents,
  ) {}

  async map(user: AuthUser, input: MapSpeakerInput): Promise<SpeakerMappingType> {
    if (input.participantId === input.targetParticipantId)
      throw badInput('A speaker cannot be mapped onto itself.');
    const id = await this.db
      .transaction((tx) => this.mapIn(tx, user, input))
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'IDX_speaker_mapping_active'))
          throw conflict('This speaker was just mapped by someone else; reload to see it.');
        throw error;
      });
    const mapping = await this.get(id);
    await this.live.turns(TurnChangeKind.SPEAKERS_CHANGED, mapping.transcriptId, []);
    return mapping;
  }

  async undo(user: AuthUser, input: UndoSpeakerMappingInput): Promise<SpeakerMappingType> {
    await this.db.transaction((tx) => this.undoIn(tx, user, input.id));
    const mapping = await this.get(input.id);
    await this.live.turns(TurnChangeKind.SPEAKERS_CHANGED, mapping.transcriptId, []);
    return mapping;
  }

  async list(
    filter: SpeakerMappingFilter,
    page: PageArgs,
  ): Promise<Connection<SpeakerMappingType>> {
    if (!filter.projectId && !filter.transcriptId)
      throw badInput('Give a projectId or a transcriptId.');
    const qb = this.db.getRepository(SpeakerMappingEntity).createQueryBuilder('m');
    if (filter.projectId) qb.andWhere('m.projectId = :projectId', { projectId: filter.projectId });
    if (filter.transcriptId)
      qb.andWhere('m.transcriptId = :transcriptId', { transcriptId: filter.transcriptId });
    if (!filter.includeUndone) qb.andWhere('m.undoneAt IS NULL');
    const connection = await paginate(qb, page, (m) => m);
    const nodes = await this.toTypes(connection.edges.map((e) => e.node));
    return {
      ...connection,
      edges: connection.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i]! })),
    };
  }

  async get(id: string): Promise<SpeakerMappingType> {
    const mapping = await this.db.getRepository(SpeakerMappingEntity).findOneBy({ id });
    if (!mapping) throw notFound('Speaker mapping');
    const [type] = await this.toTypes([mapping]);
    return type!;
  }

  private async mapIn(tx: EntityManager, user: AuthUser, input: MapSpeakerInput): Promise<string> {
    const transcript = await this.transcript(tx, input.transcriptId);
    const locked = await this.lock(tx, [input.participantId, input.targetParticipantId]);
    const source = locked.get(input.participantId);
    const target = locked.get(input.targetParticipantId);
    if (!source || source.project_id !== transcript.project_id)
      throw badInput('participantId must be a speaker of this transcript.');
    if (!target || target.project_id !== transcript.project_id)
      throw badInput('targetParticipantId must be a participant of the same project.');
    const [active] = await queryRows<{ display_name: string }>(
      tx,
      `SELECT p.display_name FROM speaker_mapping m JOIN participant p ON p.id = m.target_participant_id
        WHERE m.transcript_id = $1 AND m.source_participant_id = $2 AND m.undone_at IS NULL`,
      [transcript.id, source.id],
    );
    if (active)
      throw conflict(
        `“${source.display_name}” in “${transcript.title}” is already mapped to “${active.display_name}”; undo that first.`,
      );
    if (await this.mappedAway(tx, target.id))
      throw badInput(
        `“${target.display_name}” was mapped onto another participant; choose that one.`,
      );
    const segments = await queryRows<{ id: string }>(
      tx,
      `SELECT id FROM segment WHERE transcript_id = $1 AND participant_id = $2 ORDER BY index FOR UPDATE`,
      [transcript.id, source.id],
    );
    if (!segments.length)
      throw badInput(`“${source.display_name}” has no turns in “${transcript.title}”.`);
    const segmentIds = segments.map((s) => s.id);
    const added = missingAttributes(source.attributes, target.attributes);
    await executeSql(tx, `UPDATE segment SET participant_id = $2 WHERE id = ANY($1::uuid[])`, [
      segmentIds,
      target.id,
    ]);
    if (added.length)
      await this.participants.setAttributes(tx, target.id, [...target.attributes, ...added]);
    await this.changes.run(tx, { kind: 'speakers', transcriptId: transcript.id });
    const [row] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO speaker_mapping (project_id, transcript_id, source_participant_id, target_participant_id,
                                    segment_ids, added_attributes, created_by_id)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6::jsonb, $7) RETURNING id`,
      [
        transcript.project_id,
        transcript.id,
        source.id,
        target.id,
        segmentIds,
        JSON.stringify(added),
        user.id,
      ],
    );
    await this.activity.record(tx, {
      workspaceId: transcript.workspace_id,
      projectId: transcript.project_id,
      actorId: user.id,
      verb: 'speaker.mapped',
      summary: `${user.name} mapped “${source.display_name}” in “${transcript.title}” to “${target.display_name}”`,
      data: {
        speakerMappingId: row!.id,
        transcriptId: transcript.id,
        sourceParticipantId: source.id,
        targetParticipantId: target.id,
        turns: segmentIds.length,
      },
    });
    return row!.id;
  }

  /**
   * A turn was split in two: mappings that moved the turn list its second part too, so that
   * undoing one moves both parts back. Inside the caller's transaction.
   */
  async followSplit(
    tx: EntityManager,
    transcriptId: string,
    firstId: string,
    secondId: string,
  ): Promise<void> {
    await executeSql(
      tx,
      `UPDATE speaker_mapping SET segment_ids = array_append(segment_ids, $2::uuid)
        WHERE transcript_id = $3 AND $1::uuid = ANY(segment_ids)`,
      [firstId, secondId, transcriptId],
    );
  }

  /** A turn is going away (merged into the one before): mappings stop listing it. */
  async forgetTurn(tx: EntityManager, transcriptId: string, segmentId: string): Promise<void> {
    await executeSql(
      tx,
      `UPDATE speaker_mapping SET segment_ids = array_remove(segment_ids, $1::uuid)
        WHERE transcript_id = $2 AND $1::uuid = ANY(segment_ids)`,
      [segmentId, transcriptId],
    );
  }

  private async undoIn(tx: EntityManager, user: AuthUser, id: string): Promise<void> {
    const [m] = await queryRows<MappingRow>(
      tx,
      `SELECT m.*, t.title, p.workspace_id
         FROM speaker_mapping m JOIN transcript t ON t.id = m.transcript_id JOIN project p ON p.id = m.project_id
        WHERE m.id = $1 FOR UPDATE OF m`,
      [id],
    );
    if (!m) throw notFound('Speaker mapping');
    if (m.undone_at) throw conflict('This mapping was already undone.');
    const [later] = await queryRows<{ display_name: string }>(
      tx,
      `SELECT p.display_name FROM speaker_mapping x JOIN participant p ON p.id = x.source_participant_id
        WHERE x.transcript_id = $1 AND x.undone_at IS NULL AND x.id <> $2 AND x.created_at > $3
          AND x.segment_ids && $4::uuid[]
        ORDER BY x.created_at DESC LIMIT 1`,
      [m.transcript_id, m.id, m.created_at, m.segment_ids],
    );
    if (later)
      throw conflict(
        `These turns were mapped again later (“${later.display_name}”); undo that mapping first.`,
      );
    const locked = await this.lock(tx, [m.source_participant_id, m.target_participant_id]);
    const source = locked.get(m.source_participant_id)!;
    const target = locked.get(m.target_participant_id)!;
    // Turns corrected to another speaker since the mapping keep that correction.
    const restored = await queryRows<object>(
      tx,
      `UPDATE segment SET participant_id = $2 WHERE id = ANY($1::uuid[]) AND participant_id = $3 RETURNING id`,
      [m.segment_ids, source.id, target.id],
    );
    const kept = removeAttributes(target.attributes, m.added_attributes);
    if (kept.length !== target.attributes.length)
      await this.participants.setAttributes(tx, target.id, kept);
    await this.changes.run(tx, { kind: 'speakers', transcriptId: m.transcript_id });
    await executeSql(
      tx,
      `UPDATE speaker_mapping SET undone_at = now(), undone_by_id = $2 WHERE id = $1`,
      [m.id, user.id],
    );
    await this.activity.record(tx, {
      workspaceId: m.workspace_id,
      projectId: m.project_id,
      actorId: user.id,
      verb: 'speaker.mapping_undone',
      summary: `${user.name} undid the mapping of “${source.display_name}” in “${m.title}” to “${target.display_name}”`,
      data: {
        speakerMappingId: m.id,
        transcriptId: m.transcript_id,
        sourceParticipantId: source.id,
        targetParticipantId: target.id,
        turns: restored.length,
      },
    });
  }

  private async transcript(tx: EntityManager, id: string): Promise<TranscriptRow> {
    const [row] = await queryRows<TranscriptRow>(
      tx,
      `SELECT t.id, t.project_id, t.title, p.workspace_id FROM transcript t JOIN project p ON p.id = t.project_id
        WHERE t.id = $1`,
      [id],
    );
    if (!row) throw notFound('Transcript');
    return row;
  }

  /** Locks participants in id order, so concurrent mappings wait for each other, never deadlock. */
  private async lock(tx: EntityManager, ids: string[]): Promise<Map<string, LockedParticipant>> {
    const rows = await queryRows<LockedParticipant>(
      tx,
      `SELECT id, project_id, display_name, attributes FROM participant
        WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Mapped onto someone else and left without turns of its own. */
  private async mappedAway(tx: EntityManager, participantId: string): Promise<boolean> {
    const [row] = await queryRows<{ away: boolean }>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM speaker_mapping WHERE source_participant_id = $1 AND undone_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM segment WHERE participant_id = $1) AS away`,
      [participantId],
    );
    return row?.away ?? false;
  }

  private async toTypes(mappings: SpeakerMappingEntity[]): Promise<SpeakerMappingType[]> {
    if (!mappings.length) return [];
    const participantIds = [
      ...new Set(mappings.flatMap((m) => [m.sourceParticipantId, m.targetParticipantId])),
    ];
    const userIds = [...new Set(mappings.flatMap((m) => [m.createdById, m.undoneById]))].filter(
      (u): u is string => !!u,
    );
    const [participants, titles, users] = await Promise.all([
      this.participants.byIds(participantIds),
      queryRows<{ id: string; title: string }>(
        this.db,
        `SELECT id, title FROM transcript WHERE id = ANY($1::uuid[])`,
        [[...new Set(mappings.map((m) => m.transcriptId))]],
      ),
      userIds.length
        ? this.db.getRepository(UserEntity).findBy(userIds.map((id) => ({ id })))
        : Promise.resolve([]),
    ]);
    const participant = new Map(participants.map((p) => [p.id, p]));
    const title = new Map(titles.map((t) => [t.id, t.title]));
    const user = new Map<string, UserType>(users.map((u) => [u.id, toUserType(u)]));
    return mappings.map((m) => ({
      id: m.id,
      transcriptId: m.transcriptId,
      transcriptTitle: title.get(m.transcriptId) ?? '',
      source: participant.get(m.sourceParticipantId)!,
      target: participant.get(m.targetParticipantId)!,
      turnCount: m.segmentIds.length,
      createdBy: (m.createdById && user.get(m.createdById)) || null,
      createdAt: m.createdAt,
      undoneAt: m.undoneAt,
      undoneBy: (m.undoneById && user.get(m.undoneById)) || null,
    }));
  }
}

const keyOf = (a: ParticipantAttribute) => a.key.toLowerCase();

/** The source's attributes whose key the target does not have. */
function missingAttributes(
  source: ParticipantAttribute[],
  target: ParticipantAttribute[],
): ParticipantAttribute[] {
  const have = new Set(target.map(keyOf));
  return source.filter((a) => !have.has(keyOf(a)));
}

/** The target's attributes without those the mapping added, unless edited since. */
function removeAttributes(
  target: ParticipantAttribute[],
  added: ParticipantAttribute[],
): ParticipantAttribute[] {
  return target.filter((a) => !added.some((x) => keyOf(x) === keyOf(a) && x.value === a.value));
}
