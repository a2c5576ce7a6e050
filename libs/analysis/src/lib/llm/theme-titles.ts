import { z } from 'zod';
import { type Redactor } from '../redaction';
import { cleanText } from './clean-text';
import {
  block,
  type ChatMessage,
  clip,
  dataRules,
  makeNonce,
  neutralizeDelimiters,
} from './prompts';

/** Highlights of one group shown to the model: the most central ones, each clipped. */
export const MAX_TITLE_HIGHLIGHTS = 8;
const MAX_TITLE_HIGHLIGHT_CHARS = 300;
/** Longest title and description kept from a model (a theme's title column holds 200). */
export const THEME_TITLE_LIMITS = { title: 120, description: 600 } as const;

/** One group as the prompt shows it: its highlights' texts (already redacted), central first. */
export interface TitleGroup {
  texts: string[];
}

/** The labels ("H1", "H2"…) of each group's highlights in the prompt: numbered across groups. */
export function titleLabels(groups: readonly TitleGroup[]): string[][] {
  let next = 1;
  return groups.map((g) => g.texts.slice(0, MAX_TITLE_HIGHLIGHTS).map(() => `H${next++}`));
}

export function themeTitlesSystemPrompt(nonce: string): string {
  return [
    'You are a careful qualitative researcher naming themes on a research board: highlights from',
    'user-research interviews were grouped by similarity, and each group needs a name.',
    '',
    dataRules(nonce, 'The groups of highlights'),
    '',
    'Task: for EACH group, write',
    '- "title": 2 to 6 words naming what its highlights have in common (no people\'s names, no',
    '  placeholders such as "Participant A", no quotation marks);',
    '- "description": one sentence saying what the participants report;',
    '- "highlightIds": the ids ("H3") of the highlights OF THAT GROUP the title rests on, at least one.',
    '  Cite only ids listed under that group.',
    '',
    'Answer with a single JSON object and nothing else (no markdown, no prose), of this shape:',
    '{"themes":[{"group":1,"title":"<2 to 6 words>","description":"<one sentence>","highlightIds":["H1","H2"]}]}',
  ].join('\n');
}

/** The chat messages asking for one title per group. */
export function buildThemeTitleMessages(input: {
  groups: readonly TitleGroup[];
  nonce?: string;
}): ChatMessage[] {
  const nonce = input.nonce ?? makeNonce();
  const labels = titleLabels(input.groups);
  const body = input.groups
    .map((g, i) =>
      [
        `Group ${i + 1}:`,
        ...labels[i]!.map(
          (label, j) =>
            `[${label}] ${neutralizeDelimiters(clip(g.texts[j]!, MAX_TITLE_HIGHLIGHT_CHARS))}`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
  return [
    { role: 'system', content: themeTitlesSystemPrompt(nonce) },
    {
      role: 'user',
      content: [
        'Groups of highlights, one line per highlight: "[H<id>] <words>":',
        block('HIGHLIGHTS', nonce, body),
        '',
        'Return the JSON object now.',
      ].join('\n'),
    },
  ];
}

export const themeTitleSchema = z.object({
  group: z.number().int().min(1),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(2000).default(''),
  highlightIds: z.array(z.string().trim()).max(50).default([]),
});

export const themeTitlesOutputSchema = z.object({
  themes: z.array(themeTitleSchema).max(100),
});

export type ThemeTitlesOutput = z.infer<typeof themeTitlesOutputSchema>;

/** A model's title that passed the checks, with the positions (in its group) of what it cites. */
export interface AcceptedTitle {
  title: string;
  description: string;
  /** Indexes into the group's texts as sent (central first). */
  cited: number[];
}

/**
 * The model's titles that may be used, one per group (null: keep the offline label). A title is
 * used only when it cites at least one highlight and every highlight it cites is one of its own
 * group's; and, when text was redacted, only when it names no pseudonymised person, address or
 * number (restoring would put a participant's name in a theme's title). Titles and
 * descriptions come back restored to the participants' words and made storable.
 */
export function acceptThemeTitles(
  groups: readonly TitleGroup[],
  output: ThemeTitlesOutput,
  redactor: Redactor,
): (AcceptedTitle | null)[] {
  const labels = titleLabels(groups);
  return groups.map((_, i) => {
    const answer = output.themes.find((t) => t.group === i + 1);
    if (!answer) return null;
    const own = labels[i]!;
    const cited = [...new Set(answer.highlightIds.map((id) => id.replace(/^\[|\]$/g, '')))];
    if (cited.length === 0 || cited.some((id) => !own.includes(id))) return null;
    if (redactor.restore(answer.title) !== answer.title) return null;
    const title = cleanText(
      answer.title.replace(/^["'“”]+|["'“”.]+$/g, ''),
      THEME_TITLE_LIMITS.title,
    );
    if (!title.trim()) return null;
    return {
      title: title.charAt(0).toUpperCase() + title.slice(1),
      description: cleanText(redactor.restore(answer.description), THEME_TITLE_LIMITS.description),
      cited: cited.map((id) => own.indexOf(id)).sort((a, b) => a - b),
    };
  });
}
