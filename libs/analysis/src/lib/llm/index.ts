export { cappedFetch, formatBytes, ResponseTooLargeError } from './capped-fetch';
export { cleanOptionalText, cleanText } from './clean-text';
export {
  DEFAULT_OPENAI_ENDPOINT,
  formatDelay,
  LlmClient,
  LlmOutputError,
  LlmRequestError,
  LlmRetryLaterError,
  parseJsonContent,
  retryAfterMs,
  validateContent,
} from './client';
export type {
  DeductiveInput,
  InductiveInput,
  LlmClientOptions,
  LlmExchange,
  LlmResult,
  MaxTokensParameter,
} from './client';
export {
  buildDeductiveMessages,
  buildInductiveMessages,
  buildRepairMessage,
  closeMarker,
  codebookJson,
  deductiveSystemPrompt,
  extractBlock,
  inductiveSystemPrompt,
  makeNonce,
  neutralizeDelimiters,
  openMarker,
  MAX_PROMPT_EXAMPLES,
} from './prompts';
export type { BlockKind, ChatMessage, PromptCodebookTag } from './prompts';
export {
  acceptThemeTitles,
  buildThemeTitleMessages,
  MAX_TITLE_HIGHLIGHTS,
  THEME_TITLE_LIMITS,
  themeTitlesOutputSchema,
  themeTitlesSystemPrompt,
  titleLabels,
} from './theme-titles';
export type { AcceptedTitle, ThemeTitlesOutput, TitleGroup } from './theme-titles';
export {
  deductiveOutputSchema,
  deductiveSuggestionSchema,
  deductiveTagSchema,
  inductiveOutputSchema,
  inductiveQuoteSchema,
  inductiveThemeSchema,
} from './schemas';
export type {
  DeductiveOutput,
  DeductiveSuggestion,
  DeductiveTag,
  InductiveOutput,
  InductiveTheme,
} from './schemas';
