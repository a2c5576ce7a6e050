import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../database/sql';
import { type ThemeAttributeCountType, type ThemeEvidenceType } from './boards.types';

/** Which themes, and by which participant attribute to break their evidence down (may be empty). */
export interface EvidenceKey {
  themeId: string;
  attribute: string;
}

export const evidenceKey = (k: EvidenceKey) => `${k.themeId}|${k.attribute.toLowerCase()}`;

const NONE = '(none)';

/**
 * How strong a theme's evidence is: its highlight cards, the distinct participants and
 * interviews they come from, a breakdown by a participant attribute, and a warning when it all
 * rests on one participant or one interview. Sticky notes are not evidence.
 */
@Injectable()
export class ThemeEvidence {
  constructor(private readonly db: DataSource) {}

  async load(keys: EvidenceKey[]): Promise<Map<string, ThemeEvidenceType>> {
    const themeIds = [...new Set(keys.map((k) => k.themeId))];
    const totals = await queryRows<{
      theme_id: string;
      highlights: number;
      participants: number;
      transcripts: number;
    }>(
      this.db,
      `SELECT c.theme_id, count(*)::int AS highlights,
              count(DISTINCT h.participant_id)::int AS participants,
              count(DISTINCT h.transcript_id)::int AS transcripts
         FROM board_card c JOIN highlight h ON h.id = c.highlight_id
        WHERE c.theme_id = ANY($1::uuid[]) GROUP BY c.theme_id`,
      [themeIds],
    );
    const byTheme = new Map(totals.map((t) => [t.theme_id, t]));
    const result = new Map<string, ThemeEvidenceType>();
    for (const attribute of new Set(keys.map((k) => k.attribute.toLowerCase()))) {
      const ids = keys.filter((k) => k.attribute.toLowerCase() === attribute).map((k) => k.themeId);
      const breakdown = attribute
        ? await this.breakdown(ids, attribute)
        : new Map<string, ThemeAttributeCountType[]>();
      for (const themeId of ids) {
        const t = byTheme.get(themeId);
        const highlights = t?.highlights ?? 0;
        const participants = t?.participants ?? 0;
        const transcripts = t?.transcripts ?? 0;
        result.set(evidenceKey({ themeId, attribute }), {
          highlights,
          participants,
          transcripts,
          breakdown: breakdown.get(themeId) ?? [],
          warning: warningFor(highlights, participants, transcripts),
        });
      }
    }
    return result;
  }

  private async breakdown(
    themeIds: string[],
    attribute: string,
  ): Promise<Map<string, ThemeAttributeCountType[]>> {
    const rows = await queryRows<{
      theme_id: string;
      value: string;
      highlights: number;
      participants: number;
    }>(
      this.db,
      `SELECT c.theme_id, coalesce(a.value, $3) AS value, count(*)::int AS highlights,
              count(DISTINCT h.participant_id)::int AS participants
         FROM board_card c JOIN highlight h ON h.id = c.highlight_id
         LEFT JOIN participant p ON p.id = h.participant_id
         LEFT JOIN LATERAL (
           SELECT x->>'value' AS value FROM jsonb_array_elements(coalesce(p.attributes, '[]'::jsonb)) x
            WHERE lower(x->>'key') = $2 LIMIT 1) a ON true
        WHERE c.theme_id = ANY($1::uuid[])
        GROUP BY c.theme_id, coalesce(a.value, $3)
        ORDER BY count(*) DESC, 2`,
      [themeIds, attribute, NONE],
    );
    const map = new Map<string, ThemeAttributeCountType[]>();
    for (const r of rows) {
      const list = map.get(r.theme_id) ?? [];
      list.push({ value: r.value, highlights: r.highlights, participants: r.participants });
      map.set(r.theme_id, list);
    }
    return map;
  }
}

function warningFor(highlights: number, participants: number, transcripts: number): string | null {
  if (highlights < 2) return null;
  if (participants <= 1) return `All ${highlights} highlights come from one participant.`;
  if (transcripts === 1) return `All ${highlights} highlights come from one interview.`;
  return null;
}
