import type { InsightStatus } from '@verbatim/contracts';
import { plural } from '../../shared/format';

const STATUS_LABELS: Record<InsightStatus, string> = { DRAFT: 'Draft', PUBLISHED: 'Published' };

export function statusLabel(status: InsightStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** "3 highlights · 2 participants · 2 interviews". */
export function evidenceLine(count: {
  highlights: number;
  participants: number;
  transcripts: number;
}): string {
  return [
    plural(count.highlights, 'highlight'),
    plural(count.participants, 'participant'),
    plural(count.transcripts, 'interview'),
  ].join(' · ');
}

/**
 * How many insights a list holds: "1 insight", "12 matches" when searched; the api counts at
 * most a cap, and `capped` says there are more: "1,000+ insights".
 */
export function insightCount(total: number, capped: boolean, searched: boolean): string {
  const [one, many] = searched ? ['match', 'matches'] : ['insight', 'insights'];
  if (capped) return `${total.toLocaleString('en-US')}+ ${many}`;
  return plural(total, one, many);
}
