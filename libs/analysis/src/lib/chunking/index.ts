export { chunkTurns, estimateTokens, renderTurnLine } from './chunk-turns';
export type { Chunk, ChunkOptions } from './chunk-turns';
