import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type {
  AnalysisCoverageQuery,
  AnalysisMode,
  AnalysisRunFragment as AnalysisRun,
  CodebookTagFragment as Tag,
  ProjectAiSettingsFragment as ProjectAiSettings,
  TranscriptsQuery,
  TranscriptSummaryFragment as TranscriptSummary,
} from '@verbatim/contracts';
import { AnalysisCoverageDocument, StartAnalysisDocument } from '@verbatim/contracts/analysis';
import { CodebookTagsDocument } from '@verbatim/contracts/codebook';
import { TranscriptsDocument } from '@verbatim/contracts/transcripts';
import { analysisNote, needsAnalysis } from './analysis-coverage';

type AnalysisCoverage = AnalysisCoverageQuery['analysisCoverage'];

const PAGE = 100;
/** Enough for any study we know of; the form says so if a project has more. */
const MAX_PAGES = 20;

/**
 * Starts a run: which ready transcripts, which mode, and (read-only) which provider the server
 * will use. DEDUCTIVE needs a codebook; the form says so instead of failing. It selects the
 * transcripts the mode has not covered yet (analysis-coverage.ts), until the user picks.
 */
@Component({
  selector: 'vb-start-analysis',
  imports: [RouterLink],
  templateUrl: './start-analysis.html',
  styleUrl: './start-analysis.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartAnalysis {
  private readonly apollo = inject(Apollo);
  private generation = 0;

  readonly projectId = input.required<string>();
  readonly settings = input<ProjectAiSettings | null>(null);
  readonly started = output<AnalysisRun>();

  protected readonly transcripts = signal<readonly TranscriptSummary[] | null>(null);
  protected readonly tags = signal<readonly Tag[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly coverage = signal<AnalysisCoverage | null>(null);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly mode = signal<AnalysisMode>('DEDUCTIVE');
  /** The user picked transcripts: a change of mode keeps their choice. */
  private picked = false;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly ready = computed(() =>
    (this.transcripts() ?? []).filter((t) => t.status === 'READY'),
  );
  protected readonly notReadyCount = computed(
    () => (this.transcripts() ?? []).length - this.ready().length,
  );
  protected readonly allSelected = computed(
    () => this.ready().length > 0 && this.ready().every((t) => this.selected().has(t.id)),
  );
  /** Everything ready was already analysed this way: nothing is selected by default. */
  protected readonly allCovered = computed(
    () =>
      this.ready().length > 0 &&
      this.ready().every((t) => !needsAnalysis(this.coverage(), t.id, this.mode())),
  );
  protected readonly noteOf = (transcriptId: string): string =>
    analysisNote(this.coverage(), transcriptId, this.mode());
  protected readonly activeTags = computed(() => (this.tags() ?? []).filter((t) => !t.archived));
  protected readonly taggedCount = computed(() =>
    this.activeTags().reduce((sum, t) => sum + t.usageCount, 0),
  );
  protected readonly needsCodebook = computed(
    () => this.mode() === 'DEDUCTIVE' && this.tags() !== null && this.activeTags().length === 0,
  );
  protected readonly offline = computed(() => this.settings()?.defaultProvider === 'OFFLINE');
  protected readonly canSubmit = computed(
    () => !this.busy() && this.selected().size > 0 && !this.needsCodebook() && !!this.settings(),
  );

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => void this.load(projectId));
    });
    inject(DestroyRef).onDestroy(() => (this.generation += 1));
  }

  private async load(projectId: string): Promise<void> {
    const generation = ++this.generation;
    this.transcripts.set(null);
    this.tags.set(null);
    this.coverage.set(null);
    this.loadError.set(null);
    this.picked = false;
    try {
      const [all, tags, coverage] = await Promise.all([
        this.allTranscripts(projectId),
        firstValueFrom(
          this.apollo.query({
            query: CodebookTagsDocument,
            variables: { projectId },
            fetchPolicy: 'no-cache',
          }),
        ),
        firstValueFrom(
          this.apollo.query({
            query: AnalysisCoverageDocument,
            variables: { projectId },
            fetchPolicy: 'no-cache',
          }),
        ),
      ]);
      if (generation !== this.generation) return;
      this.transcripts.set(all);
      this.tags.set(tags.data?.tags ?? []);
      this.coverage.set(coverage.data?.analysisCoverage ?? null);
      this.selectDefault();
    } catch (err) {
      if (generation === this.generation) this.loadError.set(toAppError(err).message);
    }
  }

  private async allTranscripts(projectId: string): Promise<TranscriptSummary[]> {
    const all: TranscriptSummary[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data }: { data?: TranscriptsQuery } = await firstValueFrom(
        this.apollo.query({
          query: TranscriptsDocument,
          variables: { projectId, first: PAGE, after },
          fetchPolicy: 'no-cache',
        }),
      );
      if (!data) break;
      all.push(...data.transcripts.edges.map((e) => e.node));
      if (!data.transcripts.pageInfo.hasNextPage) break;
      after = data.transcripts.pageInfo.endCursor;
    }
    return all;
  }

  protected setMode(mode: AnalysisMode): void {
    this.mode.set(mode);
    if (!this.picked) this.selectDefault();
  }

  /** The ready transcripts this mode has not covered yet. */
  private selectDefault(): void {
    const mode = this.mode();
    this.selected.set(
      new Set(
        this.ready()
          .filter((t) => needsAnalysis(this.coverage(), t.id, mode))
          .map((t) => t.id),
      ),
    );
  }

  protected toggle(id: string, on: boolean): void {
    this.picked = true;
    const next = new Set(this.selected());
    if (on) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  protected toggleAll(on: boolean): void {
    this.picked = true;
    this.selected.set(new Set(on ? this.ready().map((t) => t.id) : []));
  }

  protected async start(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.canSubmit()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const ids = this.ready()
        .filter((t) => this.selected().has(t.id))
        .map((t) => t.id);
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: StartAnalysisDocument,
          variables: {
            input: { projectId: this.projectId(), transcriptIds: ids, mode: this.mode() },
          },
        }),
      );
      if (data) this.started.emit(data.startAnalysis);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
