import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { executeSql, queryRows } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { isGenericSpeakerLabel } from './generic-speaker-label';
import { ParticipantChangeHook } from './participant-change.hook';
import { type ParticipantAttribute, ParticipantEntity } from './participant.entity';
import {
  type ParticipantAttributeInput,
  type ParticipantType,
  type UpdateParticipantInput,
} from './participants.types';

/** Distinct, readable on white, and distinguishable for common colour-vision deficiencies. */
export const PARTICIPANT_PALETTE = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#7a5195',
  '#8c6d31',
  '#2f4b7c',
  '#a05195',
  '#3f7f3f',
  '#b5523b',
];

const INTERVIEWER_LABEL = /^(interviewer|moderator|facilitator|researcher|host|i|q)$/i;

interface ParticipantLabelRow {
  id: string;
  label: string;
  transcript_id: string | null;
  is_interviewer: boolean;
  fresh: boolean;
}

/** A speaker's turns in one transcript: how many, and how many of them ask something (a `?`). */
export interface SpeakerTurns {
  id: string;
  turns: number;
  questions: number;
  isInterviewer: boolean;
}

/**
 * Who is not hidden from the project's list: a participant with turns; else one that is neither
 * mapped onto another participant nor the generic speaker of a transcript since deleted.
 */
const LISTED = `(EXISTS (SELECT 1 FROM segment s WHERE s.participant_id = p.id)
  OR (NOT EXISTS (SELECT 1 FROM speaker_mapping m WHERE m.source_participant_id = p.id AND m.undone_at IS NULL)
      AND (p.transcript_id IS NULL OR EXISTS (SELECT 1 FROM transcript t WHERE t.id = p.transcript_id))))`;

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly changes: ParticipantChangeHook,
  ) {}

  /**
   * Finds or creates the participants of a transcript's speaker labels (matched exactly, after
   * trimming) inside the caller's transaction: named speakers across the project, generic
   * labels ("Speaker 1", SPEAKER_00; isGenericSpeakerLabel) within this transcript only.
   * Returns label -> participant id, and the ids this transcript brought (new named speakers
   * and all of its generic ones, also when a retried ingest finds them already there).
   */
  async ensureForLabels(
    tx: EntityManager,
    projectId: string,
    transcriptId: string,
    labels: string[],
  ): Promise<{ ids: Map<string, string>; created: string[]; interviewers: Set<string> }> {
    const unique = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
    if (!unique.length) return { ids: new Map(), created: [], interviewers: new Set() };
    const generic = unique.filter(isGenericSpeakerLabel);
    const named = unique.filter((l) => !generic.includes(l));
    // One round trip: the rows this statement inserts, then those that were already there (the
    // outer SELECT sees the table as it was when the statement began, so none is listed twice).
    const existing = (namedParam: string, genericParam: string) =>
      `SELECT id, label, transcript_id, is_interviewer FROM participant
        WHERE (project_id = $1 AND transcript_id IS NULL AND label = ANY(${namedParam}::text[]))
           OR (transcript_id = $2 AND label = ANY(${genericParam}::text[]))`;
    const rows = await queryRows<ParticipantLabelRow>(
      tx,
      `WITH inserted AS (
         INSERT INTO participant (project_id, transcript_id, label, display_name, is_interviewer, color)
         SELECT $1, CASE WHEN l.generic THEN $2::uuid END, label, label, label ~* $5,
                ($6::text[])[((c.n + ord - 1) % $7) + 1]
           FROM unnest($3::text[], $4::boolean[]) WITH ORDINALITY AS l(label, generic, ord),
                (SELECT count(*)::int AS n FROM participant WHERE project_id = $8) c
         ON CONFLICT DO NOTHING
         RETURNING id, label, transcript_id, is_interviewer)
       SELECT id, label, transcript_id, is_interviewer, true AS fresh FROM inserted
       UNION ALL
       SELECT id, label, transcript_id, is_interviewer, false AS fresh FROM (${existing('$9', '$10')}) e`,
      [
        projectId,
        transcriptId,
        unique,
        unique.map((l) => generic.includes(l)),
        INTERVIEWER_LABEL.source,
        PARTICIPANT_PALETTE,
        PARTICIPANT_PALETTE.length,
        projectId,
        named,
        generic,
      ],
    );
    // A label another transcript's ingest inserted after this statement began was skipped by
    // ON CONFLICT and is not in its snapshot: read those again, now that they are committed.
    const found = new Set(rows.map((r) => r.label));
    if (unique.some((l) => !found.has(l))) {
      rows.push(
        ...(
          await queryRows<Omit<ParticipantLabelRow, 'fresh'>>(tx, existing('$3', '$4'), [
            projectId,
            transcriptId,
            named,
            generic,
          ])
        ).map((r) => ({ ...r, fresh: false })),
      );
    }
    return {
      ids: new Map(rows.map((r) => [r.label, r.id])),
      created: rows.filter((r) => r.transcript_id || r.fresh).map((r) => r.id),
      interviewers: new Set(rows.filter((r) => r.is_interviewer).map((r) => r.id)),
    };
  }

  /**
   * Marks as interviewer the new speaker who asks the questions, when the labels did not say so
   * ("Alex Moreno" rather than "Interviewer"): the one speaker of the transcript with at least 3
   * turns, most of them questions, and twice the question share of anyone else. Only speakers
   * created by this transcript's ingest are considered, so a researcher's choice is never undone.
   */
  async flagQuestioner(
    tx: EntityManager,
    speakers: SpeakerTurns[],
    newParticipantIds: string[],
  ): Promise<void> {
    if (!newParticipantIds.length) return;
    if (speakers.length < 2 || speakers.some((r) => r.isInterviewer)) return;
    const ranked = speakers
      .map((r) => ({ ...r, share: r.questions / r.turns }))
      .sort((a, b) => b.share - a.share);
    const [top, next] = ranked as [(typeof ranked)[number], (typeof ranked)[number]];
    if (
      top.turns < 3 ||
      top.share < 0.5 ||
      top.share < 2 * next.share ||
      !newParticipantIds.includes(top.id)
    )
      return;
    await executeSql(tx, `UPDATE participant SET is_interviewer = true WHERE id = $1`, [top.id]);
  }

  /** The project's participants, without those mapped onto others (see LISTED). */
  list(projectId: string): Promise<ParticipantType[]> {
    return this.withCounts(`p.project_id = $1 AND ${LISTED}`, [projectId]);
  }

  /**
   * The speakers of each of these transcripts (those with turns in it), with their turn counts,
   * in one query; a participant who spoke in several of them is read and counted once.
   */
  async forTranscripts(transcriptIds: string[]): Promise<Map<string, ParticipantType[]>> {
    const byTranscript = new Map<string, ParticipantType[]>();
    if (!transcriptIds.length) return byTranscript;
    const rows = await this.rows(`TRUE`, [transcriptIds], {
      counts: true,
      spokeIn: `SELECT participant_id, array_agg(DISTINCT transcript_id) AS spoke_in FROM segment
                 WHERE transcript_id = ANY($1::uuid[]) GROUP BY participant_id`,
    });
    for (const row of rows) {
      for (const transcriptId of row.spoke_in ?? []) {
        const list = byTranscript.get(transcriptId) ?? [];
        list.push(toParticipantType(row, true));
        byTranscript.set(transcriptId, list);
      }
    }
    return byTranscript;
  }

  async update(user: AuthUser, input: UpdateParticipantInput): Promise<ParticipantType> {
    const current = await this.db.getRepository(ParticipantEntity).findOneBy({ id: input.id });
    if (!current) throw notFound('Participant');
    const patch: Partial<ParticipantEntity> = {};
    if (input.displayName !== undefined) {
      const name = input.displayName.trim();
      if (!name) throw badInput('displayName must not be empty');
      patch.displayName = name;
    }
    if (input.isInterviewer !== undefined && input.isInterviewer !== null)
      patch.isInterviewer = input.isInterviewer;
    if (input.attributes) patch.attributes = cleanAttributes(input.attributes);
    await this.db.transaction(async (tx) => {
      if (Object.keys(patch).length) await tx.update(ParticipantEntity, { id: input.id }, patch);
      if (patch.displayName !== undefined && patch.displayName !== current.displayName)
        await this.recordRename(tx, user, current, patch.displayName);
      // Highlights are attributed to the first non-interviewer they cover.
      if (patch.isInterviewer !== undefined && patch.isInterviewer !== current.isInterviewer) {
        await this.changes.run(tx, { kind: 'interviewer', participantId: input.id });
      }
    });
    const [updated] = await this.withCounts(`p.id = $1`, [input.id]);
    return updated!;
  }

  /**
   * Replaces a participant's attributes inside the caller's transaction (speaker mappings copy
   * attributes onto their target and take them back when undone).
   */
  async setAttributes(
    tx: EntityManager,
    participantId: string,
    attributes: ParticipantAttribute[],
  ): Promise<void> {
    await tx.update(ParticipantEntity, { id: participantId }, { attributes });
  }

  private async recordRename(
    tx: EntityManager,
    user: AuthUser,
    participant: ParticipantEntity,
    name: string,
  ): Promise<void> {
    const [where] = await queryRows<{ workspace_id: string; title: string | null }>(
      tx,
      `SELECT p.workspace_id, t.title FROM project p LEFT JOIN transcript t ON t.id = $2 WHERE p.id = $1`,
      [participant.projectId, participant.transcriptId],
    );
    await this.activity.record(tx, {
      workspaceId: where!.workspace_id,
      projectId: participant.projectId,
      actorId: user.id,
      verb: 'participant.renamed',
      summary:
        `${user.name} renamed “${participant.displayName}”` +
        (where!.title ? ` in “${where!.title}”` : '') +
        ` to “${name}”`,
      data: { participantId: participant.id, transcriptId: participant.transcriptId },
    });
  }

  /** Participants by id, without their turn counts (resolved on demand). */
  async byIds(ids: string[]): Promise<ParticipantType[]> {
    if (!ids.length) return [];
    return this.listWhere(`p.id = ANY($1::uuid[])`, [ids], false);
  }

  /** The turns each of these participants spoke, in one query (0 for none). */
  async segmentCounts(participantIds: string[]): Promise<Map<string, number>> {
    if (!participantIds.length) return new Map();
    const rows = await queryRows<{ participant_id: string; n: number }>(
      this.db,
      `SELECT participant_id, count(*)::int AS n FROM segment
        WHERE participant_id = ANY($1::uuid[]) GROUP BY participant_id`,
      [participantIds],
    );
    return new Map(rows.map((r) => [r.participant_id, r.n]));
  }

  private withCounts(where: string, params: unknown[]): Promise<ParticipantType[]> {
    return this.listWhere(where, params, true);
  }

  private async listWhere(
    where: string,
    params: unknown[],
    counts: boolean,
  ): Promise<ParticipantType[]> {
    const rows = await this.rows(where, params, { counts });
    return rows.map((r) => toParticipantType(r, counts));
  }

  /**
   * Participants (`p`) matching `where`, with their turn counts on request; `spokeIn`, a query
   * of (participant_id, spoke_in), keeps only the participants it has and adds its `spoke_in`.
   */
  private rows(
    where: string,
    params: unknown[],
    extra: { counts: boolean; spokeIn?: string },
  ): Promise<ParticipantRow[]> {
    return queryRows<ParticipantRow>(
      this.db,
      `SELECT p.id, p.project_id, p.transcript_id, t.title AS transcript_title, p.label, p.display_name,
              p.is_interviewer, p.color, p.attributes
              ${extra.counts ? ', (SELECT count(*)::int FROM segment s WHERE s.participant_id = p.id) AS segment_count' : ''}
              ${extra.spokeIn ? ', spoke.spoke_in' : ''}
         FROM participant p LEFT JOIN transcript t ON t.id = p.transcript_id
              ${extra.spokeIn ? `JOIN (${extra.spokeIn}) spoke ON spoke.participant_id = p.id` : ''}
        WHERE ${where}
        ORDER BY p.created_at, p.label`,
      params,
    );
  }
}

function toParticipantType(r: ParticipantRow, counts: boolean): ParticipantType {
  return {
    id: r.id,
    projectId: r.project_id,
    transcriptId: r.transcript_id,
    transcriptTitle: r.transcript_title,
    label: r.label,
    displayName: r.display_name,
    isInterviewer: r.is_interviewer,
    color: r.color,
    attributes: r.attributes,
    ...(counts ? { segmentCount: r.segment_count } : {}),
  };
}

/** Trimmed, keys unique ignoring case; order kept as given. */
function cleanAttributes(input: ParticipantAttributeInput[]): ParticipantAttribute[] {
  const seen = new Set<string>();
  return input.map(({ key, value }) => {
    const k = key.trim();
    const v = value.trim();
    if (!k || !v) throw badInput('Attribute keys and values must not be empty.');
    if (seen.has(k.toLowerCase()))
      throw badInput(`The attribute “${k}” is given twice; keys must be unique.`);
    seen.add(k.toLowerCase());
    return { key: k, value: v };
  });
}

interface ParticipantRow {
  id: string;
  project_id: string;
  transcript_id: string | null;
  transcript_title: string | null;
  label: string;
  display_name: string;
  is_interviewer: boolean;
  color: string;
  attributes: ParticipantAttribute[];
  segment_count?: number;
  /** The transcripts asked about that the participant has turns in (forTranscripts). */
  spoke_in?: string[];
}
