import type { InsightStatus } from '@verbatim/contracts';
import type { AppError } from '../../core/errors/app-error';

/** The insight as the api has it now, as a CONFLICT answer carries it in `extensions.insight`. */
export interface InsightSnapshot {
  id: string;
  title: string;
  body: string;
  status: InsightStatus;
  version: number;
  tagIds: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The current insight of a CONFLICT error; null for any other error or an answer without it. */
export function conflictSnapshot(error: AppError): InsightSnapshot | null {
  if (error.code !== 'CONFLICT') return null;
  const insight = error.details?.['insight'];
  if (!isRecord(insight)) return null;
  const { id, title, body, status, version, tagIds } = insight;
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof body !== 'string' ||
    (status !== 'DRAFT' && status !== 'PUBLISHED') ||
    typeof version !== 'number' ||
    !Array.isArray(tagIds) ||
    !tagIds.every((t): t is string => typeof t === 'string')
  )
    return null;
  return { id, title, body, status, version, tagIds };
}

/** Whether the title or body is no longer what an edit started from. */
export function textChanged(
  baseline: { title: string; body: string },
  current: { title: string; body: string },
): boolean {
  return baseline.title !== current.title || baseline.body !== current.body;
}

/**
 * The tags after the user's change, replayed on a colleague's newer tags: what the user added
 * (from `base` to `mine`) is added to `theirs`, what they removed is removed, and the rest of
 * `theirs` stays. So neither person's tag change is lost.
 */
export function rebaseTags(
  base: readonly string[],
  mine: readonly string[],
  theirs: readonly string[],
): string[] {
  const before = new Set(base);
  const after = new Set(mine);
  const added = mine.filter((t) => !before.has(t));
  const removed = new Set(base.filter((t) => !after.has(t)));
  return [...new Set([...theirs.filter((t) => !removed.has(t)), ...added])];
}
