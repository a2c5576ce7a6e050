import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';

/**
 * A change of a transcript that rows of other modules follow:
 * - `speakers`: turns of the transcript were given to other participants;
 * - `language`: the transcript's turns are now indexed for search in `tsConfig`.
 */
export type TranscriptChange =
  | { kind: 'speakers'; transcriptId: string }
  | { kind: 'language'; transcriptId: string; tsConfig: string };

/**
 * Run inside the transaction that changed the transcript. Listeners:
 * - highlights (highlights/listeners.ts): attributes the transcript's highlights anew to the
 *   participants of the turns they cover; indexes their quotes and notes in the new language.
 */
@Injectable()
export class TranscriptChangeHook extends Hook<TranscriptChange> {}
