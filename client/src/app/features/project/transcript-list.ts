import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TranscriptSummary } from '../../graphql/transcripts';
import { formatDuration } from '../../shared/format';
import { StatusBadge } from '../../shared/status-badge';

/** The project's transcripts with live status; rows link to the reader. */
@Component({
  selector: 'vb-transcript-list',
  imports: [DatePipe, RouterLink, StatusBadge],
  templateUrl: './transcript-list.html',
  styleUrl: './transcript-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TranscriptList {
  readonly transcripts = input.required<readonly TranscriptSummary[]>();
  readonly hasMore = input(false);
  readonly loadingMore = input(false);
  readonly loadMore = output<void>();

  protected readonly formatDuration = formatDuration;
  protected percent(transcript: TranscriptSummary): number {
    return Math.round(Math.max(0, Math.min(1, transcript.progress)) * 100);
  }
}
