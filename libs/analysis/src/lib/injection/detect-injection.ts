/**
 * Text inside a transcript that instructs a model (prompt injection): a participant — or
 * whoever wrote the file — saying "ignore all previous instructions", imitating a chat role or
 * a data delimiter, addressing an AI, or telling it what to tag and how sure to be.
 *
 * The prompt already fences transcript text as data; this detector is the second line: a
 * suggestion made from a chunk that holds such text is flagged for a person to read, and never
 * accepted in bulk. It favours precision: every pattern needs wording that people do not use
 * when they talk about a product ("ignore the instructions" alone is ordinary talk about a
 * manual; "ignore all previous instructions" is not), and role words only count in capitals
 * ("SYSTEM:") or inside template tags ("<|im_start|>", "[INST]").
 *
 * Patterns are linear: bounded repetitions of literal alternatives, no nested quantifiers.
 */

export type InjectionKind =
  | 'IGNORE_INSTRUCTIONS'
  | 'ROLE_TAG'
  | 'DELIMITER'
  | 'ADDRESSED_TO_AI'
  | 'OUTPUT_CONTROL';

export interface InjectionFinding {
  kind: InjectionKind;
  /** The words that matched (clipped). */
  text: string;
  start: number;
  end: number;
}

/** Words that name an AI and nothing else ("assistant" and "model" are people and products too). */
const AI = String.raw`(?:AI(?:\s+(?:model|assistant|system|tagger))?|A\.I\.|(?:large\s+)?language\s+model|LLMs?|GPT(?:-\w+)?|ChatGPT|Claude|Gemini|chatbot)`;
/** Names a model is called by when spoken to directly ("Assistant, tag this as …"). */
const AI_ADDRESSED = String.raw`(?:${AI}|assistant|model|bot)`;
const QUALIFIER = String.raw`(?:previous|prior|above|earlier|preceding|original|initial|system|your)`;
const FILLER = String.raw`(?:(?:all|any|every|of|the|my|these|those)\s+){0,3}`;
/**
 * Not after a subject or an auxiliary: "we tag everything as urgent" and "I forget the previous
 * instructions" describe what people do; the same words at the start of a clause tell a model.
 */
const NOT_DESCRIBED = String.raw`(?<!\b(?:i|we|they|he|she|it|people|users|teams?|one|to|would|could|should|might|will|can|always|usually|often|sometimes|just|then|also|and|still|never)\s+)`;

const PATTERNS: { kind: InjectionKind; re: RegExp }[] = [
  {
    kind: 'IGNORE_INSTRUCTIONS',
    re: new RegExp(
      String.raw`${NOT_DESCRIBED}\b(?:ignore|disregard|forget|override|bypass)\s+${FILLER}${QUALIFIER}\s+(?:instructions?|prompts?|directives?|system\s+(?:prompt|message))\b`,
      'giu',
    ),
  },
  {
    kind: 'IGNORE_INSTRUCTIONS',
    re: /\b(?:forget|disregard|ignore)\s+(?:everything|all)\s+(?:you\s+(?:were|have\s+been)\s+told|(?:written\s+)?above)\b/giu,
  },
  {
    kind: 'ROLE_TAG',
    re: /<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\s*\|>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:system|assistant|instructions?)>/giu,
  },
  // Role names as speakers only in capitals: "SYSTEM: …", "ASSISTANT: …".
  { kind: 'ROLE_TAG', re: /\b(?:SYSTEM|ASSISTANT|DEVELOPER)\s*:/gu },
  {
    kind: 'ROLE_TAG',
    re: /(?:^|\n)[ \t]*#{2,}[ \t]*(?:system|instructions?|response|assistant)\b/giu,
  },
  // Block markers like the prompt's own ("<<<TRANSCRIPT", "TRANSCRIPT>>>").
  {
    kind: 'DELIMITER',
    re: /(?<!<)<{3,}[ \t]*[A-Z]{3,}|\b[A-Z]{3,}(?:[ \t]+[0-9a-f]{4,})?[ \t]*>{3,}/gu,
  },
  // A turn marker inside a turn's words forges another turn.
  { kind: 'DELIMITER', re: /\[T\d{1,7}\]/gu },
  {
    kind: 'DELIMITER',
    re: /\b(?:END|BEGIN|START)\s+OF\s+(?:THE\s+)?(?:TRANSCRIPT|DATA|INPUT|DOCUMENT|CONTEXT|PROMPT|INSTRUCTIONS|EXCERPT|CODEBOOK)\b|\b(?:TRANSCRIPT|CODEBOOK)\s+[0-9a-f]{8,}\b/gu,
  },
  {
    kind: 'ADDRESSED_TO_AI',
    re: new RegExp(
      String.raw`\b(?:note|message|instructions?|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?${AI}\b`,
      'giu',
    ),
  },
  {
    kind: 'ADDRESSED_TO_AI',
    re: new RegExp(String.raw`\bif\s+you\s+are\s+(?:an?\s+)?${AI}\b`, 'giu'),
  },
  {
    kind: 'ADDRESSED_TO_AI',
    re: new RegExp(
      String.raw`\b(?:dear\s+|hey\s+)?${AI_ADDRESSED}\s*[,:]\s*(?:please\s+)?(?:ignore|disregard|forget|tag|label|classify|output|return|respond|reply|answer|print|include|rate|assign|pretend|act\s+as|reveal|repeat)\b`,
      'giu',
    ),
  },
  {
    kind: 'OUTPUT_CONTROL',
    re: new RegExp(
      String.raw`${NOT_DESCRIBED}\b(?:tag|label|code|classify|mark)\s+(?:everything|all\s+(?:of\s+)?(?:this|these|it|the\s+(?:quotes|passages|lines|turns|text))|every\s+(?:quote|passage|line|turn|sentence)|this\s+(?:quote|passage|line|turn|sentence|transcript))\s+(?:as|with)\b`,
      'giu',
    ),
  },
  {
    kind: 'OUTPUT_CONTROL',
    re: /\b(?:set|assign)\s+(?:the\s+|your\s+|its\s+)?confidence(?:\s+score)?\s+to\b/giu,
  },
  {
    kind: 'OUTPUT_CONTROL',
    re: /\b(?:reveal|print|repeat|output|show)\s+(?:me\s+)?(?:your\s+(?:system\s+)?(?:prompt|instructions)|the\s+system\s+prompt)\b/giu,
  },
  // The answer's own JSON, written into the transcript.
  { kind: 'OUTPUT_CONTROL', re: /"(?:suggestions|themes|confidence)"\s*:\s*[[{\d]/gu },
];

const DESCRIPTIONS: Record<InjectionKind, string> = {
  IGNORE_INSTRUCTIONS: 'asks a model to ignore its instructions',
  ROLE_TAG: 'imitates a chat role or template tag',
  DELIMITER: 'imitates a data delimiter or turn marker',
  ADDRESSED_TO_AI: 'is addressed to an AI',
  OUTPUT_CONTROL: 'tries to set the tags, the confidence or the output',
};

/** Text that instructs a model, in order of appearance (overlapping findings merged). */
export function detectInjection(text: string): InjectionFinding[] {
  if (typeof text !== 'string' || !text) return [];
  const found: InjectionFinding[] = [];
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      found.push({ kind, text: clip(m[0].trim(), 120), start, end: m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: InjectionFinding[] = [];
  for (const f of found) {
    const last = merged.at(-1);
    if (last && f.start < last.end) continue;
    merged.push(f);
  }
  return merged;
}

/** "imitates a chat role or template tag" — what a finding does, in words. */
export function describeInjection(kind: InjectionKind): string {
  return DESCRIPTIONS[kind];
}

/** The sentence around a finding, for a reviewer to read (at most `max` characters). */
export function injectionContext(text: string, finding: InjectionFinding, max = 160): string {
  let from = finding.start;
  let to = finding.end;
  while (from > 0 && finding.start - from < max / 2 && !/[.!?\n]/.test(text.charAt(from - 1)))
    from--;
  while (to < text.length && to - from < max && !/[.!?\n]/.test(text.charAt(to))) to++;
  if (to < text.length && /[.!?]/.test(text.charAt(to))) to++;
  return clip(text.slice(from, to).trim(), max);
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
