import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { badInput, notFound } from '../../common/errors/domain-error';
import { refreshAttribution } from '../highlights/attribution';
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

@Injectable()
export class ParticipantsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Finds or creates the project's participants for these speaker labels (matched exactly,
   * after trimming) inside the caller's transaction. Returns label -> participant id.
   */
  async ensureForLabels(
    tx: EntityManager,
    projectId: string,
    labels: string[],
  ): Promise<Map<string, string>> {
    const unique = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
    if (!unique.length) return new Map();
    const [{ n }] = (await tx.query(
      `SELECT count(*)::int AS n FROM participant WHERE project_id = $1`,
      [projectId],
    )) as [{ n: number }];
    await tx.query(
      `INSERT INTO participant (project_id, label, display_name, is_interviewer, color)
       SELECT $1, label, label, label ~* $3, ($4::text[])[((n + ord - 1) % $5) + 1]
         FROM unnest($2::text[]) WITH ORDINALITY AS l(label, ord), (SELECT $6::int AS n) c
       ON CONFLICT (project_id, label) DO NOTHING`,
      [
        projectId,
        unique,
        INTERVIEWER_LABEL.source,
        PARTICIPANT_PALETTE,
        PARTICIPANT_PALETTE.length,
        n,
      ],
    );
    const rows: { id: string; label: string }[] = await tx.query(
      `SELECT id, label FROM participant WHERE project_id = $1 AND label = ANY($2::text[])`,
      [projectId, unique],
    );
    return new Map(rows.map((r) => [r.label, r.id]));
  }

  /**
   * Marks as interviewer the new speaker who asks the questions, when the labels did not say so
   * ("Alex Moreno" rather than "Interviewer"): the one speaker of the transcript with at least 3
   * turns, most of them questions, and twice the question share of anyone else. Only speakers
   * created by this transcript's ingest are considered, so a researcher's choice is never undone.
   */
  async flagQuestioner(
    tx: EntityManager,
    transcriptId: string,
    newParticipantIds: string[],
  ): Promise<void> {
    if (!newParticipantIds.length) return;
    const stats: { id: string; turns: number; questions: number; is_interviewer: boolean }[] =
      await tx.query(
        `SELECT p.id, count(*)::int AS turns, count(*) FILTER (WHERE s.text LIKE '%?%')::int AS questions, p.is_interviewer
         FROM segment s JOIN participant p ON p.id = s.participant_id
        WHERE s.transcript_id = $1 GROUP BY p.id, p.is_interviewer`,
        [transcriptId],
      );
    if (stats.length < 2 || stats.some((r) => r.is_interviewer)) return;
    const ranked = stats
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
    await tx.query(`UPDATE participant SET is_interviewer = true WHERE id = $1`, [top.id]);
  }

  list(projectId: string): Promise<ParticipantType[]> {
    return this.withCounts(`p.project_id = $1`, [projectId]);
  }

  async forTranscript(transcriptId: string): Promise<ParticipantType[]> {
    return this.withCounts(
      `p.id IN (SELECT participant_id FROM segment WHERE transcript_id = $1)`,
      [transcriptId],
    );
  }

  async update(input: UpdateParticipantInput): Promise<ParticipantType> {
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
      // Highlights are attributed to the first non-interviewer they cover.
      if (patch.isInterviewer !== undefined && patch.isInterviewer !== current.isInterviewer) {
        await refreshAttribution(
          tx,
          `h.transcript_id IN (SELECT DISTINCT transcript_id FROM segment WHERE participant_id = $1)`,
          [input.id],
        );
      }
    });
    const [updated] = await this.withCounts(`p.id = $1`, [input.id]);
    return updated!;
  }

  /** Participants by id, without their turn counts (resolved on demand). */
  async byIds(ids: string[]): Promise<ParticipantType[]> {
    if (!ids.length) return [];
    return this.query(`p.id = ANY($1::uuid[])`, [ids], false);
  }

  async segmentCount(participantId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n FROM segment WHERE participant_id = $1`,
      [participantId],
    )) as [{ n: number }];
    return row.n;
  }

  private withCounts(where: string, params: unknown[]): Promise<ParticipantType[]> {
    return this.query(where, params, true);
  }

  private async query(
    where: string,
    params: unknown[],
    counts: boolean,
  ): Promise<ParticipantType[]> {
    const rows: ParticipantRow[] = await this.db.query(
      `SELECT p.id, p.project_id, p.label, p.display_name, p.is_interviewer, p.color, p.attributes
              ${counts ? ', (SELECT count(*)::int FROM segment s WHERE s.participant_id = p.id) AS segment_count' : ''}
         FROM participant p
        WHERE ${where}
        ORDER BY p.created_at, p.label`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      label: r.label,
      displayName: r.display_name,
      isInterviewer: r.is_interviewer,
      color: r.color,
      attributes: r.attributes,
      ...(counts ? { segmentCount: r.segment_count } : {}),
    }));
  }
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
  label: string;
  display_name: string;
  is_interviewer: boolean;
  color: string;
  attributes: ParticipantAttribute[];
  segment_count?: number;
}
