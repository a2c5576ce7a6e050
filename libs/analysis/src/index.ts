export type { AnalysisMode, CodebookTag, TokenUsage, TurnSpan, TurnText } from './lib/types';
export * from './lib/text';
export * from './lib/offline';
export * from './lib/grounding';
export * from './lib/chunking';
export * from './lib/redaction';
export * from './lib/injection';
export * from './lib/llm';
export * from './lib/clustering';
