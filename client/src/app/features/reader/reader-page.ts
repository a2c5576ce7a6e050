import { ScrollingModule } from '@angular/cdk/scrolling';
import { ScrollingModule as ExperimentalScrollingModule } from '@angular/cdk-experimental/scrolling';
import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
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
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import { PROJECT } from '../../graphql/projects';
import {
  TRANSCRIPT_READER,
  TRANSCRIPT_SEGMENTS,
  TRANSCRIPT_UPDATED,
  type Segment,
  type TranscriptDetail,
} from '../../graphql/transcripts';
import { formatDuration, plural } from '../../shared/format';
import { NotFound, isNotFound } from '../../shared/not-found';
import { StatusBadge } from '../../shared/status-badge';
import { type Turn, speakerCount, toTurns } from './turns';
import { scrollKeyTarget } from './scroll-keys';

const FIRST_WINDOW = 300;
const NEXT_WINDOW = 2000;

/** Reads one transcript as speaker turns in a virtual list that stays smooth for hours of talk. */
@Component({
  selector: 'vb-reader-page',
  imports: [RouterLink, ScrollingModule, ExperimentalScrollingModule, StatusBadge, NotFound],
  templateUrl: './reader-page.html',
  styleUrl: './reader-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReaderPage {
  private readonly apollo = inject(Apollo);
  private readonly pageTitle = inject(Title);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private generation = 0;
  private followEnd = 0;
  private live = new Subscription();

  readonly transcriptId = input.required<string>();

  private readonly viewport = viewChild<CdkVirtualScrollViewport>('viewport');

  protected readonly transcript = signal<TranscriptDetail | null>(null);
  protected readonly segments = signal<readonly Segment[]>([]);
  protected readonly error = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.error()));
  protected readonly projectName = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly turns = computed(() =>
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
  protected readonly trackTurn = (_: number, turn: Turn): string => turn.id;

  constructor() {
    effect(() => {
      const id = this.transcriptId();
      untracked(() => void this.load(id));
    });
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      this.live.unsubscribe();
    });
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
      await this.loadRest(id, transcript, generation);
    } catch (err) {
      if (generation === this.generation) {
        this.transcript.set(null);
        this.segments.set([]);
        this.error.set(toAppError(err));
      }
    }
  }

  /** The project's name for the way back, and its workspace for the header. */
  private followProject(projectId: string, generation: number): void {
    this.apollo.query({ query: PROJECT, variables: { id: projectId } }).subscribe({
      next: ({ data }) => {
        if (generation !== this.generation || !data) return;
        this.projectName.set(data.project.name);
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

  protected onKey(event: KeyboardEvent): void {
    const viewport = this.viewport();
    if (!viewport || event.altKey || event.ctrlKey || event.metaKey) return;
    const el = viewport.elementRef.nativeElement;
    const target = scrollKeyTarget(event.key, el.scrollTop, el.clientHeight, el.scrollHeight);
    if (target === null) return;
    event.preventDefault();
    this.followEnd += 1;
    if (event.key === 'End') {
      this.scrollToEnd(viewport, this.followEnd);
    } else {
      viewport.scrollToOffset(target);
    }
  }

  /**
   * Heights of unseen turns are estimates, so the first jump to the end lands short; keep
   * following the bottom until it holds still for a few frames, or the reader takes over (a key,
   * the wheel, a touch or a click), bounded by frames rather than time so that a busy machine
   * still gets there (at most 240 frames or 5 s).
   */
  private scrollToEnd(viewport: CdkVirtualScrollViewport, run: number): void {
    const el = viewport.elementRef.nativeElement;
    const deadline = performance.now() + 5000;
    const takeOver = () => {
      if (run === this.followEnd) this.followEnd += 1;
    };
    const events = ['wheel', 'touchstart', 'pointerdown'] as const;
    events.forEach((e) => el.addEventListener(e, takeOver, { passive: true, once: true }));
    const done = () => events.forEach((e) => el.removeEventListener(e, takeOver));
    let settledFrames = 0;
    let frames = 0;
    const step = () => {
      if (run !== this.followEnd) return done();
      const gap = el.scrollHeight - el.scrollTop - el.clientHeight;
      settledFrames = gap <= 2 ? settledFrames + 1 : 0;
      if (gap > 2) viewport.scrollTo({ bottom: 0 });
      if (settledFrames < 3 && ++frames < 240 && performance.now() < deadline) requestAnimationFrame(step);
      else done();
    };
    viewport.scrollTo({ bottom: 0 });
    requestAnimationFrame(step);
  }

  protected readonly percent = (progress: number): number =>
    Math.round(Math.max(0, Math.min(1, progress)) * 100);
}
