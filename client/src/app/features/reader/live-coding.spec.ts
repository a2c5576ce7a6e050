import { describe, expect, it } from 'vitest';
import type {
  ProjectTagFragment as ProjectTag,
  ReaderHighlightFragment as ReaderHighlight,
} from '@verbatim/contracts';
import { applyCodebookEvent, applyHighlightEvent } from './live-coding';

const tag = (id: string, name: string, color = '#2f5d8a'): ProjectTag => ({
  id,
  projectId: 'p',
  name,
  color,
  description: null,
  parentId: null,
  archived: false,
  usageCount: 1,
});

const highlight = (
  id: string,
  tags: ProjectTag[],
  note: string | null = null,
): ReaderHighlight => ({
  id,
  quote: 'the export button is hidden',
  note,
  start: { segmentId: 's', offset: 0 },
  end: { segmentId: 's', offset: 27 },
  startIndex: 0,
  needsAttention: false,
  tags: tags.map(({ id, name, color }) => ({ id, name, color })),
  author: { id: 'u', name: 'Cole' },
  createdAt: '2026-12-07T10:00:00Z',
  commentCount: 0,
});

describe('live highlight events in the reader', () => {
  const findability = tag('t1', 'Findability');

  it('adds a colleague’s new highlight once, however often the event arrives', () => {
    const created = highlight('h1', [findability]);
    const event = { kind: 'CREATED' as const, highlightId: 'h1', highlight: created };
    const once = applyHighlightEvent([], event);
    expect(applyHighlightEvent(once, event)).toEqual([created]);
  });

  it('replaces a changed highlight and removes a deleted one', () => {
    const before = [highlight('h1', [findability]), highlight('h2', [])];
    const noted = highlight('h1', [], 'Said three times');
    const updated = applyHighlightEvent(before, {
      kind: 'UPDATED',
      highlightId: 'h1',
      highlight: noted,
    });
    expect(updated.map((h) => [h.id, h.note, h.tags.length])).toEqual([
      ['h1', 'Said three times', 0],
      ['h2', null, 0],
    ]);
    const deleted = applyHighlightEvent(updated, {
      kind: 'DELETED',
      highlightId: 'h2',
      highlight: null,
    });
    expect(deleted.map((h) => h.id)).toEqual(['h1']);
  });
});

describe('live codebook events in the reader', () => {
  const findability = tag('t1', 'Findability');
  const hidden = tag('t2', 'Hidden controls', '#a3262d');

  it('shows a renamed tag’s new name on the highlights that carry it', () => {
    const coding = { tags: [findability], highlights: [highlight('h1', [findability])] };
    const renamed = { ...findability, name: 'Discoverability', color: '#276738' };
    const next = applyCodebookEvent(coding, {
      kind: 'UPDATED',
      tagId: 't1',
      mergedIntoId: null,
      tag: renamed,
    });
    expect(next.tags).toEqual([renamed]);
    expect(next.highlights[0]!.tags).toEqual([
      { id: 't1', name: 'Discoverability', color: '#276738' },
    ]);
  });

  it('swaps a merged tag for its target, without listing the target twice', () => {
    const both = highlight('h1', [hidden, findability]);
    const onlyHidden = highlight('h2', [hidden]);
    const untouched = highlight('h3', []);
    const coding = { tags: [findability, hidden], highlights: [both, onlyHidden, untouched] };
    const next = applyCodebookEvent(coding, {
      kind: 'DELETED',
      tagId: 't2',
      mergedIntoId: 't1',
      tag: null,
    });
    expect(next.tags.map((t) => t.id)).toEqual(['t1']);
    expect(next.highlights.map((h) => h.tags.map((t) => t.name))).toEqual([
      ['Findability'],
      ['Findability'],
      [],
    ]);
    expect(next.highlights[2]).toBe(untouched);
  });

  it('drops a deleted tag from the highlights', () => {
    const coding = { tags: [hidden], highlights: [highlight('h1', [hidden])] };
    const next = applyCodebookEvent(coding, {
      kind: 'DELETED',
      tagId: 't2',
      mergedIntoId: null,
      tag: null,
    });
    expect(next.tags).toEqual([]);
    expect(next.highlights[0]!.tags).toEqual([]);
  });
});
