import { z } from 'zod';

/** A verbatim quote as the model returns it (grounded later; the stored quote is the transcript's). */
const quote = z.string().trim().min(1).max(2000);
const rationale = z.string().trim().max(2000).default('');
const confidence = z.number().min(0).max(1);

const tagName = z.string().trim().min(1).max(200);

/** A proposed tag: its name, with its own confidence (a bare name has the suggestion's). */
export const deductiveTagSchema = z.union([tagName, z.object({ name: tagName, confidence })]);

export const deductiveSuggestionSchema = z.object({
  quote,
  /** Codebook tag NAMES (validated against the codebook by the caller), each with its confidence. */
  tags: z.array(deductiveTagSchema).min(1).max(5),
  rationale,
  confidence,
});

export const deductiveOutputSchema = z.object({
  suggestions: z.array(deductiveSuggestionSchema).max(50),
});

export const inductiveQuoteSchema = z.object({ quote, rationale, confidence });

export const inductiveThemeSchema = z.object({
  name: z.string().trim().min(1).max(120),
  definition: z.string().trim().max(1000).default(''),
  quotes: z.array(inductiveQuoteSchema).min(1).max(20),
});

export const inductiveOutputSchema = z.object({
  themes: z.array(inductiveThemeSchema).max(20),
});

export type DeductiveOutput = z.infer<typeof deductiveOutputSchema>;
export type DeductiveSuggestion = z.infer<typeof deductiveSuggestionSchema>;
export type DeductiveTag = z.infer<typeof deductiveTagSchema>;
export type InductiveOutput = z.infer<typeof inductiveOutputSchema>;
export type InductiveTheme = z.infer<typeof inductiveThemeSchema>;
