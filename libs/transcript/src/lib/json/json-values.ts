import { TranscriptParseError } from '../transcript-parse-error';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function num(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Seconds (possibly null) to whole milliseconds. */
export function secondsToMs(value: unknown): number | null {
  const n = num(value);
  return n === null ? null : Math.round(n * 1000);
}

export function millis(value: unknown): number | null {
  const n = num(value);
  return n === null ? null : Math.round(n);
}

function lineOfPosition(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse with an error that names the line, for a researcher. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const line = position ? lineOfPosition(text, Number(position[1])) : undefined;
    const where = line === undefined ? '' : `Line ${line}: `;
    throw new TranscriptParseError(
      'MALFORMED',
      `${where}the file is not valid JSON (${detail.replace(/^JSON\.parse: /, '')}). Upload the file exactly as the speech-to-text service produced it.`,
      line,
    );
  }
}
