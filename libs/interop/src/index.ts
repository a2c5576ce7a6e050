export { InteropError, type InteropErrorCode } from './lib/interop-error';
export type {
  Many,
  QdaCode,
  QdaCodebook,
  QdaCodebookReadResult,
  QdaCoding,
  QdaNote,
  QdaProject,
  QdaProjectInput,
  QdaProjectReadResult,
  QdaSelection,
  QdaTextSource,
  QdaTextSourceInput,
  QdaUser,
  QdaWarning,
  QdaWarningCode,
} from './lib/refi/model';
export { DEFAULT_READ_LIMITS, type QdaReadLimits } from './lib/refi/limits';
export {
  isGuid,
  normalizeGuid,
  stableGuid,
  uuidV5,
  VERBATIM_GUID_NAMESPACE,
} from './lib/refi/guid';
export { TextPositions } from './lib/refi/text-positions';
export { CODEBOOK_NAMESPACE, writeCodebook } from './lib/refi/write-codebook';
export { PROJECT_NAMESPACE } from './lib/refi/project-xml';
export {
  writeProject,
  type WriteProjectOptions,
  type WriteProjectProgress,
} from './lib/refi/write-project';
export { readCodebook } from './lib/refi/read-codebook';
export { readProject, type QdpxInput } from './lib/refi/read-project';
export {
  locateTurns,
  paragraphsToTurns,
  type TextTurn,
  textToTranscript,
  transcriptToText,
  type TranscriptText,
  TurnPositions,
  type TurnPosition,
  type TurnSpans,
  type TurnsFromText,
  turnLabel,
  turnsForText,
} from './lib/refi/transcript-text';
export {
  attributeColumns,
  csvRecords,
  formatTimecode,
  type HighlightRecord,
  HighlightTable,
  neutraliseCell,
  MAX_XLSX_CELL_CHARS,
  UTF8_BOM,
  xlsxCellText,
} from './lib/tabular';
export * from './lib/report';
