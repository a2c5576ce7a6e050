import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { capabilitiesFor } from '../../core/access/capabilities';
import { AssignmentsBar } from '../assignments/assignments-bar';
import { PresenceAvatars } from '../../shared/presence/presence-avatars';
import type { Role, SegmentFragment as Segment } from '@verbatim/contracts';
import { TurnChangedDocument as TURN_CHANGED } from '@verbatim/contracts/highlights';
import { ProjectDocument as PROJECT } from '@verbatim/contracts/projects';
import {
  TranscriptReaderDocument as TRANSCRIPT_READER,
  TranscriptSegmentsDocument as TRANSCRIPT_SEGMENTS,
  TranscriptUpdatedDocument as TRANSCRIPT_UPDATED,
} from '@verbatim/contracts/transcripts';
import type {
  SegmentCorrection,
  SegmentMerge,
  SegmentSplit,
  TranscriptDetail,
  TurnEditReport,
} from './reader-types';
import { HighlightStore } from './highlight-store';
import { SuggestionStore } from './suggestion-store';
import { TranscriptDetails } from './transcript-details';
import { applyTurnChange, mergeOnce, type Patched, splitOnce, type TurnChange } from './turn-edits';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { ReadMarkers } from '../../core/catching-up/read-markers';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import { formatDuration, plural } from '../../shared/format';
import { NotFound, isNotFound } from '../../shared/not-found';
import { StatusBadge } from '../../shared/status-badge';
import { TranscriptLanguage } from '../../shared/language/transcript-language';
import { speakerCount, toTurns } from './turns';
import { ReaderPanels } from './reader-panels';
import { ReaderSelection } from './reader-selection';
import { ReaderState } from './reader-state';
import { SpeakerPanel } from './speaker-panel';
import { TurnList } from './turn-list';

const FIRST_WINDOW = 300;
const NEXT_WINDOW = 2000;

/**
 * Reads one transcript: loads it (long ones in windows after the first screenful), keeps it up to
 * date, and lays out its header, the turn list (turn-list.ts) and what is shown about the words
 * (reader-panels.ts), which share the reader's state (reader-state.ts) and selection
 * (reader-selection.ts).
 */
@Component({
  selector: 'vb-reader-page',
  imports: [
    RouterLink,
    StatusBadge,
    TranscriptLanguage,
    NotFound,
    SpeakerPanel,
    TranscriptDetails,
    TurnList,
    ReaderPanels,
    AssignmentsBar,
    PresenceAvatars,
  ],
  providers: [HighlightStore, SuggestionStore, ReaderState, ReaderSelection],
  templateUrl: './reader-page.html',
  styleUrl: './reader-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReaderPage {
  private readonly apollo = inject(Apollo);
  private readonly readMarkers = inject(ReadMarkers);
  private readonly pageTitle = inject(Title);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  protected readonly state = inject(ReaderState);
  protected readonly store = inject(HighlightStore);
  /** Pending machine suggestions, outlined in the text; see suggestion-store.ts. */
  protected readonly suggestions = inject(SuggestionStore);
  private generation = 0;
  private live = new Subscription();
  /** Colleagues' corrections, splits and merges of the turns. */
  private turnsLive = new Subscription();

  readonly transcriptId = input.required<string>();
  /** Deep link: the turn index to open at, a search query to mark there, a highlight to open. */
  readonly turn = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly highlight = input<string | undefined>();
  /** Deep link to a turn by id (?segment=), as a notification about a turn gives it. */
  readonly segment = input<string | undefined>();
  /** Deep link from the review of a run: the suggestion to open. */
  readonly suggestion = input<string | undefined>();

  protected readonly transcript = signal<TranscriptDetail | null>(null);
  protected readonly segments = signal<readonly Segment[]>([]);
  protected readonly error = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.error()));
  protected readonly projectName = signal<string | null>(null);
  protected readonly role = signal<Role | null>(null);
  protected readonly can = computed(() => capabilitiesFor(this.role()));
  protected readonly loadingMore = signal(false);
  private readonly turns = computed(() =>
    toTurns(this.segments(), this.transcript()?.participants ?? []),
  );
  protected readonly meta = computed(() => {
    const t = this.transcript();
    if (!t) return [];
    const turns = this.turns();
    return [
      t.format ?? 'Unknown format',
      formatDuration(t.durationMs),
      plural(t.segmentCount, 'turn'),
      plural(turns.length ? speakerCount(turns) : t.participants.length, 'speaker'),
    ];
  });
  protected readonly plural = plural;

  constructor() {
    effect(() => {
      const id = this.transcriptId();
      untracked(() => void this.load(id));
    });
    effect(() => {
      const turns = this.turns();
      const canEdit = this.can().edit;
      untracked(() => {
        this.state.turns.set(turns);
        this.state.canEdit.set(canEdit);
      });
    });
    effect(() => {
      const id = this.suggestion();
      untracked(() => this.suggestions.want(id));
    });
    inject(DestroyRef).onDestroy(() => {
      const shown = this.transcript();
      if (shown?.status === 'READY') this.readMarkers.transcript(shown.id);
      this.generation += 1;
      this.live.unsubscribe();
      this.turnsLive.unsubscribe();
    });
  }

  /** A new language from the header's picker (search now stems the turns in it). */
  protected languageChanged(change: Pick<TranscriptDetail, 'language' | 'languageSource'>): void {
    this.transcript.update((t) =>
      t ? { ...t, language: change.language, languageSource: change.languageSource } : t,
    );
  }

  /** A new title or interview day from the header. */
  protected detailsChanged(change: Pick<TranscriptDetail, 'title' | 'interviewDate'>): void {
    this.transcript.update((t) =>
      t ? { ...t, title: change.title, interviewDate: change.interviewDate } : t,
    );
    this.pageTitle.setTitle(`${change.title} · Verbatim`);
  }

  private async load(id: string): Promise<void> {
    const generation = ++this.generation;
    this.error.set(null);
    try {
      const first = await firstValueFrom(
        this.apollo.query({
          query: TRANSCRIPT_READER,
          variables: { id, from: 0, limit: FIRST_WINDOW },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation !== this.generation || !first.data) return;
      const transcript = first.data.transcript;
      this.transcript.set(transcript);
      this.segments.set(transcript.segments);
      this.pageTitle.setTitle(`${transcript.title} · Verbatim`);
      this.watchUntilSettled(transcript);
      this.followProject(transcript.projectId, generation);
      if (transcript.status === 'READY') this.followTurns(transcript.id, generation);
      if (transcript.status === 'READY') {
        this.readMarkers.transcript(transcript.id);
        void this.store.load(transcript.projectId, transcript.id);
        void this.suggestions.load(transcript.id);
      }
      await this.loadRest(id, transcript, generation);
    } catch (err) {
      if (generation === this.generation) {
        this.transcript.set(null);
        this.segments.set([]);
        this.error.set(toAppError(err));
      }
    }
  }

  /** Loads the transcript again after its speakers changed (renamed, mapped, unmapped). */
  protected reload(): void {
    void this.load(this.transcriptId());
  }

  /** The project's name for the way back, its workspace for the header, and the user's role. */
  private followProject(projectId: string, generation: number): void {
    this.apollo.query({ query: PROJECT, variables: { id: projectId } }).subscribe({
      next: ({ data }) => {
        if (generation !== this.generation || !data) return;
        this.projectName.set(data.project.name);
        this.role.set(data.project.role);
        this.state.role.set(data.project.role);
        this.state.workspaceId.set(data.project.workspaceId);
        this.currentWorkspace.set(data.project.workspaceId);
      },
      error: () => undefined,
    });
  }

  /** Long interviews arrive in windows after the first screenful is already readable. */
  private async loadRest(
    id: string,
    transcript: TranscriptDetail,
    generation: number,
  ): Promise<void> {
    let lastWindow = transcript.segments.length;
    this.loadingMore.set(lastWindow === FIRST_WINDOW && transcript.segmentCount > lastWindow);
    try {
      while (lastWindow > 0 && this.segments().length < transcript.segmentCount) {
        const from = this.segments().length;
        const next = await firstValueFrom(
          this.apollo.query({
            query: TRANSCRIPT_SEGMENTS,
            variables: { id, from, limit: NEXT_WINDOW },
            fetchPolicy: 'no-cache',
          }),
        );
        if (generation !== this.generation || !next.data) return;
        const window = next.data.transcript.segments;
        lastWindow = window.length;
        if (lastWindow > 0) this.segments.update((all) => [...all, ...window]);
      }
    } finally {
      if (generation === this.generation) this.loadingMore.set(false);
    }
  }

  /** While the transcript is still being processed, reload once it is ready or failed. */
  private watchUntilSettled(transcript: TranscriptDetail): void {
    this.live.unsubscribe();
    this.live = new Subscription();
    if (transcript.status === 'READY' || transcript.status === 'FAILED') return;
    this.live.add(
      this.apollo
        .subscribe({ query: TRANSCRIPT_UPDATED, variables: { projectId: transcript.projectId } })
        .subscribe({
          next: ({ data }) => {
            const updated = data?.transcriptUpdated;
            if (!updated || updated.id !== transcript.id) return;
            if (updated.status === 'READY' || updated.status === 'FAILED')
              void this.load(transcript.id);
            else
              this.transcript.update((t) =>
                t ? { ...t, status: updated.status, progress: updated.progress } : t,
              );
          },
          error: () => undefined,
        }),
    );
  }

  protected readonly percent = (progress: number): number =>
    Math.round(Math.max(0, Math.min(1, progress)) * 100);

  // ------------------------------------------------------------------ corrections

  protected onCorrected(result: SegmentCorrection): void {
    const fixed = result.segment;
    this.segments.update((all) =>
      all.map((s) =>
        s.id === fixed.id ? { ...s, text: fixed.text, participant: fixed.participant } : s,
      ),
    );
    this.afterTurnEdit({ ...result, done: 'Turn corrected' });
  }

  protected onSplit(result: SegmentSplit): void {
    this.patch(splitOnce(this.segments(), result.first, result.second));
    this.afterTurnEdit({ ...result, done: 'Turn split' });
    void this.suggestions.load(this.transcriptId());
  }

  protected onMerged(result: SegmentMerge): void {
    this.patch(mergeOnce(this.segments(), result.segment, result.removedSegmentId));
    this.afterTurnEdit({ ...result, done: 'Turns merged' });
    void this.suggestions.load(this.transcriptId());
  }

  /** Highlights moved with the words: read them again, and report what became of them. */
  private afterTurnEdit(report: TurnEditReport & { done: string }): void {
    this.state.editingId.set(null);
    this.state.correction.set(report);
    void this.store.reload();
    this.state.focusList();
  }

  // ------------------------------------------------------------------ colleagues' turn edits

  /**
   * Corrections, splits and merges made by anyone (this reader's own included, which are then
   * already applied) reach the loaded turns; highlights follow through their own events.
   */
  private followTurns(transcriptId: string, generation: number): void {
    this.turnsLive.unsubscribe();
    this.turnsLive = this.apollo
      .subscribe({ query: TURN_CHANGED, variables: { transcriptId } })
      .subscribe({
        next: ({ data }) => {
          const event = data?.turnChanged;
          if (event && generation === this.generation) this.applyTurnChange(event);
        },
        error: () => undefined,
      });
  }

  private applyTurnChange(event: TurnChange): void {
    const patched = applyTurnChange(this.segments(), event);
    if (patched === 'reload') this.reload();
    else this.patch(patched);
  }

  private patch(patched: Patched | null): void {
    if (!patched) return;
    this.segments.set(patched.segments);
    if (patched.countDelta)
      this.transcript.update(
        (t) => t && { ...t, segmentCount: t.segmentCount + patched.countDelta },
      );
  }
}
