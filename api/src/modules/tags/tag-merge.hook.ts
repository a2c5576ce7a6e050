import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';

/** A tag merge under way: both tags are locked, the source is not deleted yet. */
export interface TagMerge {
  sourceId: string;
  targetId: string;
}

/**
 * Run inside a tag merge. Listeners and what they answer:
 * - highlights (highlights/listeners.ts): gives the target to every highlight of the source and
 *   answers how many highlights that was.
 */
@Injectable()
export class TagMergeHook extends Hook<TagMerge, number> {}
