import type { BoardState, Card } from './board-state';

// Which cards the board shows and what colour marks them: by tag, by a participant attribute
// (segment, company, role…) or by words in the quote or note.

export interface CardFilter {
  tagId: string;
  /** "key=value" of a participant attribute, or ''. */
  attribute: string;
  text: string;
}

export const NO_FILTER: CardFilter = { tagId: '', attribute: '', text: '' };

/** 'tag', or 'attr:<key>' to colour by a participant attribute, or '' for none. */
export type ColourBy = string;

export interface ParticipantInfo {
  id: string;
  attributes: readonly { key: string; value: string }[];
}

export type AttributesOf = (participantId: string) => readonly { key: string; value: string }[];

export function isFiltering(filter: CardFilter): boolean {
  return !!(filter.tagId || filter.attribute || filter.text.trim());
}

export function filterKey(filter: CardFilter): string {
  return `${filter.tagId}\u0000${filter.attribute}\u0000${filter.text.trim().toLowerCase()}`;
}

export function matches(card: Card, filter: CardFilter, attributesOf: AttributesOf): boolean {
  const h = card.highlight;
  if (filter.tagId && !h?.tags.some((t) => t.id === filter.tagId)) return false;
  if (filter.attribute) {
    const at = filter.attribute.indexOf('=');
    const key = filter.attribute.slice(0, at);
    const value = filter.attribute.slice(at + 1);
    const attributes = h?.participant ? attributesOf(h.participant.id) : [];
    if (!attributes.some((a) => a.key === key && a.value === value)) return false;
  }
  const words = filter.text.trim().toLowerCase();
  if (words) {
    const haystack = `${h?.quote ?? ''} ${card.text ?? ''} ${h?.participant?.displayName ?? ''}`;
    if (!haystack.toLowerCase().includes(words)) return false;
  }
  return true;
}

/** Tags on the board's cards, by name. */
export function boardTags(state: BoardState): { id: string; name: string; color: string }[] {
  const tags = new Map<string, { id: string; name: string; color: string }>();
  for (const cards of state.columns.values())
    for (const c of cards) for (const t of c.highlight?.tags ?? []) tags.set(t.id, t);
  return [...tags.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every attribute key with its values, from the project's participants. */
export function attributeOptions(
  participants: readonly ParticipantInfo[],
): { key: string; values: string[] }[] {
  const keys = new Map<string, Set<string>>();
  for (const p of participants)
    for (const a of p.attributes) {
      const values = keys.get(a.key) ?? new Set<string>();
      values.add(a.value);
      keys.set(a.key, values);
    }
  return [...keys]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => ({ key, values: [...values].sort((a, b) => a.localeCompare(b)) }));
}

/** Distinct colours with 3:1 contrast against white, for the card's marker stripe. */
export const PALETTE = [
  '#1f6fb2',
  '#c2410c',
  '#2e7d32',
  '#8e24aa',
  '#b8860b',
  '#00838f',
  '#c2185b',
  '#5d4037',
] as const;

/** A stable palette colour for a value (the same segment gets the same colour everywhere). */
export function colourOfValue(value: string): string {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (hash * 31 + value.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

/** The colour that marks a card, and what it stands for; null when nothing marks it. */
export function markOf(
  card: Card,
  colourBy: ColourBy,
  attributesOf: AttributesOf,
): { color: string; label: string } | null {
  const h = card.highlight;
  if (colourBy === 'tag') {
    const tag = h?.tags[0];
    return tag ? { color: tag.color, label: tag.name } : null;
  }
  if (colourBy.startsWith('attr:')) {
    const key = colourBy.slice(5);
    const value = h?.participant
      ? attributesOf(h.participant.id).find((a) => a.key === key)?.value
      : undefined;
    return value ? { color: colourOfValue(value), label: `${key}: ${value}` } : null;
  }
  return null;
}
