import { type CodebookTag, type TurnText } from '@verbatim/analysis';
import { type EntityManager } from 'typeorm';
import { queryRows } from '../../database/sql';
import { type ExistingHighlight, type ExistingSuggestion } from './proposal-pipeline';

/** Examples per tag the offline tagger learns from (the most recent human highlights). */
const EXAMPLES_PER_TAG = 200;

export interface TranscriptTurns {
  turns: TurnText[];
  /** Turn index → segment id. */
  segmentIds: Map<number, string>;
}

/** A segment with its speaker, as a turn. */
interface TurnRow {
  id: string;
  index: number;
  text: string;
  speaker: string | null;
  is_interviewer: boolean;
  ts_config: string | null;
}

interface CodebookTagRow {
  id: string;
  name: string;
  description: string | null;
  interviewer_turns: boolean;
}

/** A quote people tagged with a tag, or rejected for it. */
interface TagQuoteRow {
  tag_id: string;
  quote: string;
}

/** A highlight's or suggestion's span in turn coordinates. */
interface SpanRow {
  start_index: number;
  start_offset: number;
  end_index: number;
  end_offset: number;
}

/** Reads for analysis jobs: a transcript's turns, the codebook with examples, what exists already. */
export async function loadTurns(db: EntityManager, transcriptId: string): Promise<TranscriptTurns> {
  const rows = await queryRows<TurnRow>(
    db,
    `SELECT s.id, s.index, s.text, coalesce(p.display_name, s.speaker) AS speaker, coalesce(p.is_interviewer, false) AS is_interviewer,
            s.ts_config
       FROM segment s LEFT JOIN participant p ON p.id = s.participant_id
      WHERE s.transcript_id = $1 ORDER BY s.index`,
    [transcriptId],
  );
  return {
    turns: rows.map((r) => ({
      index: r.index,
      text: r.text,
      speaker: r.speaker,
      isInterviewer: r.is_interviewer,
      // The text-search configuration is named after its Snowball stemmer ('english', 'simple').
      language: r.ts_config,
    })),
    segmentIds: new Map(rows.map((r) => [r.index, r.id])),
  };
}

/**
 * The project's active tags, each with the quotes people tagged with it, the suggestions they
 * rejected, and whether people apply it to the interviewer's words (a human highlight that
 * starts on an interviewer turn): only such tags may be suggested on interviewer turns.
 */
export async function loadCodebook(db: EntityManager, projectId: string): Promise<CodebookTag[]> {
  const tags = await queryRows<CodebookTagRow>(
    db,
    `SELECT t.id, t.name, t.description, EXISTS (
              SELECT 1 FROM highlight_tag ht JOIN highlight h ON h.id = ht.highlight_id
                JOIN segment s ON s.id = h.start_segment_id JOIN participant p ON p.id = s.participant_id
               WHERE ht.tag_id = t.id AND ht.source = 'HUMAN' AND p.is_interviewer) AS interviewer_turns
         FROM tag t WHERE t.project_id = $1 AND NOT t.archived ORDER BY lower(t.name), t.id`,
    [projectId],
  );
  const examples = await queryRows<TagQuoteRow>(
    db,
    `SELECT tag_id, quote FROM (
       SELECT ht.tag_id, h.quote, row_number() OVER (PARTITION BY ht.tag_id ORDER BY h.created_at DESC, h.id DESC) AS n
         FROM highlight_tag ht JOIN highlight h ON h.id = ht.highlight_id
        WHERE h.project_id = $1 AND ht.source = 'HUMAN') x
      WHERE n <= $2 ORDER BY tag_id, n`,
    [projectId, EXAMPLES_PER_TAG],
  );
  // Suggestions people rejected are counter-examples of the tags they proposed.
  const rejected = await queryRows<TagQuoteRow>(
    db,
    `SELECT tag_id, quote FROM (
       SELECT t.tag_id, x.quote, row_number() OVER (PARTITION BY t.tag_id ORDER BY x.reviewed_at DESC, x.id DESC) AS n
         FROM suggestion x CROSS JOIN LATERAL unnest(x.tag_ids) AS t(tag_id)
        WHERE x.project_id = $1 AND x.status = 'REJECTED') r
      WHERE n <= $2 ORDER BY tag_id, n`,
    [projectId, EXAMPLES_PER_TAG],
  );
  return tags.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    examples: examples.filter((e) => e.tag_id === t.id).map((e) => e.quote),
    counterExamples: rejected.filter((r) => r.tag_id === t.id).map((r) => r.quote),
    interviewerTurns: t.interviewer_turns,
  }));
}

/** Speaker labels that name nobody: "Speaker 2", "Interviewer", "P3", "A". */
const GENERIC_LABEL =
  /^(speaker|interviewer|interviewee|participant|moderator|respondent|unknown|user|customer|guest|host)\b|^[\p{L}\d]?\d*$/iu;

/**
 * Names worth pseudonymising: every participant of the transcript's project — not only of this
 * transcript, since codebook examples quote other transcripts — each as the names they go by
 * (display name and label, generic labels such as "Speaker 2" left out). The order is stable, so
 * every request of a run gives a person the same pseudonym.
 */
export async function loadParticipantNames(
  db: EntityManager,
  transcriptId: string,
): Promise<string[][]> {
  const rows = await queryRows<{ display_name: string; label: string }>(
    db,
    `SELECT p.display_name, p.label FROM participant p
      WHERE p.project_id = (SELECT project_id FROM transcript WHERE id = $1)
      ORDER BY p.created_at, p.id`,
    [transcriptId],
  );
  return rows
    .map((r) =>
      [...new Set([r.display_name, r.label].map((n) => (n ?? '').trim()))].filter(
        (n) => n.length > 1 && !GENERIC_LABEL.test(n),
      ),
    )
    .filter((names) => names.length > 0);
}

/** Highlights of the transcript with their tags, in turn coordinates. */
export async function loadExistingHighlights(
  db: EntityManager,
  transcriptId: string,
): Promise<ExistingHighlight[]> {
  const rows = await queryRows<SpanRow & { tag_ids: string[]; tag_names: string[] }>(
    db,
    `SELECT h.start_index, h.start_offset, s2.index AS end_index, h.end_offset,
              coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL), '{}') AS tag_ids,
              coalesce(array_agg(t.name ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL), '{}') AS tag_names
         FROM highlight h JOIN segment s2 ON s2.id = h.end_segment_id
         LEFT JOIN highlight_tag ht ON ht.highlight_id = h.id LEFT JOIN tag t ON t.id = ht.tag_id
        WHERE h.transcript_id = $1
        GROUP BY h.id, s2.index
        ORDER BY h.start_index, h.start_offset, h.id`,
    [transcriptId],
  );
  return rows.map((r) => ({
    span: {
      startIndex: r.start_index,
      startOffset: r.start_offset,
      endIndex: r.end_index,
      endOffset: r.end_offset,
    },
    tagIds: r.tag_ids,
    tagNames: r.tag_names,
  }));
}

/** Pending and rejected suggestions of the transcript from every run. */
export async function loadExistingSuggestions(
  db: EntityManager,
  transcriptId: string,
): Promise<ExistingSuggestion[]> {
  const rows = await queryRows<SpanRow & { tag_ids: string[]; theme_name: string | null }>(
    db,
    `SELECT start_index, start_offset, end_index, end_offset, tag_ids, theme_name FROM suggestion
        WHERE transcript_id = $1 AND status IN ('PENDING', 'REJECTED')
        ORDER BY start_index, start_offset, id`,
    [transcriptId],
  );
  return rows.map((r) => ({
    span: {
      startIndex: r.start_index,
      startOffset: r.start_offset,
      endIndex: r.end_index,
      endOffset: r.end_offset,
    },
    tagIds: r.tag_ids,
    themeName: r.theme_name,
  }));
}

/** At most this many background turns for the offline tagger. */
const BACKGROUND_TURNS = 2000;

/**
 * Counter-evidence for the offline tagger: the untagged participant talk of transcripts people
 * have coded (those with human highlights) and that the run is not analysing, a fixed
 * pseudo-random sample. Talk nobody has looked at, and the run's own transcripts, are left out:
 * they hold the very quotes the run should find, and would teach the tagger they are not evidence.
 */
export async function loadBackground(
  db: EntityManager,
  projectId: string,
  runTranscriptIds: string[],
): Promise<string[]> {
  const rows = await queryRows<{ text: string }>(
    db,
    `SELECT s.text FROM segment s
       LEFT JOIN participant p ON p.id = s.participant_id
      WHERE s.transcript_id IN (SELECT DISTINCT h.transcript_id FROM highlight h JOIN highlight_tag ht ON ht.highlight_id = h.id
                                 WHERE h.project_id = $1 AND ht.source = 'HUMAN')
        AND s.transcript_id <> ALL($3::uuid[])
        AND NOT coalesce(p.is_interviewer, false)
      ORDER BY md5(s.id::text), s.id LIMIT $2`,
    [projectId, BACKGROUND_TURNS, runTranscriptIds],
  );
  return rows.map((r) => r.text);
}
