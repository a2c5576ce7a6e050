import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  ReadState,
  TranscriptSummaryFragment as TranscriptSummary,
} from '@verbatim/contracts';
import { formatDuration } from '../../shared/format';
import { TranscriptLanguage } from '../../shared/language/transcript-language';
import { NewsBadge } from '../../shared/news-badge';
import { StatusBadge } from '../../shared/status-badge';
import { ConfirmAction } from '../../shared/confirm-action';

/** A listed transcript; the list query adds what is new to the user (live updates do not). */
export type ListedTranscript = TranscriptSummary & {
  readState?: ReadState;
  unseenHighlightCount?: number;
};

/** The project's transcripts with live status; rows link to the reader; editors retry and delete. */
@Component({
  selector: 'vb-transcript-list',
  imports: [DatePipe, RouterLink, StatusBadge, TranscriptLanguage, NewsBadge, ConfirmAction],
  templateUrl: './transcript-list.html',
  styleUrl: './transcript-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TranscriptList {
  readonly transcripts = input.required<readonly ListedTranscript[]>();
  readonly hasMore = input(false);
  readonly loadingMore = input(false);
  /** Editors (and owners) may delete; everyone else gets no actions column. */
  readonly canEdit = input(false);
  readonly loadMore = output<void>();
  /** Confirmed deletion of the transcript with this id. */
  readonly remove = output<string>();
  /** Process the FAILED transcript with this id again. */
  readonly retry = output<string>();

  protected readonly formatDuration = formatDuration;
  protected percent(transcript: TranscriptSummary): number {
    return Math.round(Math.max(0, Math.min(1, transcript.progress)) * 100);
  }
}
