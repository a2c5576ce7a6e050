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
export type { ChatMessage, PromptCodebookTag } from './prompts';
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
