import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import type { SharedReportQuery } from '@verbatim/contracts';
import { SharedReportDocument } from '@verbatim/contracts/reports';
import { renderMarkdown } from '../../shared/markdown/markdown';
import { ReportQuotes, svgDataUrl } from './report-quotes';
import { refusalPage, withoutAppLinks } from './share-refusal';

type Shared = SharedReportQuery['sharedReport'];
type SharedSection = Shared['sections'][number];

interface ShownSection {
  kind: SharedSection['kind'];
  title: string | null;
  html: string;
  quotes: SharedSection['quotes'];
  chart: string | null;
}

/**
 * What a report's share link opens, for anyone holding it and without logging in: the report
 * and nothing else (no app navigation, no links into the app). A link that expired, was turned
 * off or never existed gets a page that says which.
 */
@Component({
  selector: 'vb-shared-report-page',
  imports: [ReportQuotes],
  templateUrl: './shared-report-page.html',
  styleUrl: './shared-report-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharedReportPage {
  private readonly apollo = inject(Apollo);
  private readonly title = inject(Title);

  readonly token = input.required<string>();

  protected readonly report = signal<Shared | null>(null);
  protected readonly error = signal<AppError | null>(null);
  protected readonly loading = signal(true);
  protected readonly refusal = computed(() => {
    const error = this.error();
    return error ? refusalPage(error) : null;
  });
  protected readonly sections = computed<ShownSection[]>(() =>
    (this.report()?.sections ?? []).map((s) => ({
      kind: s.kind,
      title: s.title,
      html: withoutAppLinks(renderMarkdown(s.text)),
      quotes: s.quotes,
      chart: s.svg ? svgDataUrl(s.svg) : null,
    })),
  );

  constructor() {
    effect(() => {
      const token = this.token();
      untracked(() => void this.load(token));
    });
  }

  protected async load(token: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: SharedReportDocument,
          variables: { token },
          fetchPolicy: 'no-cache',
        }),
      );
      if (data) {
        this.report.set(data.sharedReport);
        this.title.setTitle(data.sharedReport.title);
      }
    } catch (err) {
      const failure = toAppError(err);
      this.report.set(null);
      this.error.set(failure);
      this.title.setTitle(refusalPage(failure)?.title ?? 'Shared report');
    } finally {
      this.loading.set(false);
    }
  }
}
