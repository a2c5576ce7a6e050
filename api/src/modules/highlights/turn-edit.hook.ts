import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';
import { type Span } from './turn-edits';
import { type Touching, type TurnEdit } from './turn-references';

/**
 * A split or merge under way: the turns have their new texts and indexes (a merged-away turn is
 * parked at index -1 and still exists), the touching highlights have followed.
 */
export interface TurnEditEvent {
  transcriptId: string;
  edit: TurnEdit;
  /** Which anchored rows touch the edit (see `lockTouching`). */
  touching: Touching;
  /** The indexes, as they are now, of the edited turns. */
  edited: { from: number; to: number };
  /** Where a position in the old turns lands in the new ones. */
  move: (span: Span) => Span;
}

/**
 * Run inside a split or merge of turns, before a merged-away turn is deleted. Listeners:
 * - analysis (analysis/suggestions-follow-turn-edits.ts): suggestions move with their words and
 *   re-anchor (or keep their old quote, which accepting then refuses); the turn indexes of
 *   suggestions and the turn ranges of analysis chunks follow the turns.
 * - comments (comments/comments-follow-turn-merges.ts): the threads of a merged-away turn move to
 *   the merged turn.
 */
@Injectable()
export class TurnEditHook extends Hook<TurnEditEvent> {}
