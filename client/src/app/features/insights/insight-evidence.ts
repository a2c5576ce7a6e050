import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { toAppError } from '../../core/errors/app-error';
import { readerLink } from '../evidence/grouping';
import { EvidenceFinder } from './evidence-finder';
import { evidenceLine } from './insight-text';
import { type Insight, InsightStore } from './insight-store';

/**
 * The highlights an insight rests on: each quote with its speaker and interview, a link that
 * opens the reader at its turn with the highlight selected, and for editors Remove and a search
 * of the project's highlights to add more.
 */
@Component({
  selector: 'vb-insight-evidence',
  imports: [RouterLink, EvidenceFinder],
  template: `
    <div class="section-head">
      <h2 id="evidence-title">
        Evidence <span class="count">{{ insight().evidenceCount.highlights }}</span>
      </h2>
      <p class="muted evidence-strength" data-testid="insight-evidence-count">
        {{ strength() }}
      </p>
    </div>
    @if (error(); as message) {
      <p class="alert alert--error" role="alert">{{ message }}</p>
    }
    @if (insight().evidence.length === 0) {
      <div class="empty-state">
        <strong>No evidence yet</strong>
        <p>
          @if (canEdit()) {
            Find highlights below, or choose them in the
            <a [routerLink]="['/p', insight().projectId, 'evidence']">Tag view</a> and use “Add to
            insight”.
          } @else {
            Nobody has added highlights to this insight yet.
          }
        </p>
      </div>
    }
    <ol class="quotes" aria-labelledby="evidence-title">
      @for (item of insight().evidence; track item.highlight.id) {
        <li class="quote" [attr.data-highlight-id]="item.highlight.id">
          <blockquote>“{{ item.highlight.quote }}”</blockquote>
          @if (item.highlight.note) {
            <p class="note">{{ item.highlight.note }}</p>
          }
          <div class="quote-meta">
            <span class="speaker">
              <span
                class="dot"
                aria-hidden="true"
                [style.background]="item.highlight.participant?.color ?? 'var(--border-strong)'"
              ></span
              >{{ item.highlight.participant?.displayName ?? 'No speaker' }}
            </span>
            <span class="transcript-title">{{ item.highlight.transcript.title }}</span>
            <a
              class="open-link"
              [routerLink]="readerLink(item.highlight).commands"
              [queryParams]="readerLink(item.highlight).queryParams"
              >Open in transcript<span class="visually-hidden"
                >: {{ item.highlight.transcript.title }}</span
              ></a
            >
            @if (canEdit()) {
              <button
                type="button"
                class="button button--quiet button--small"
                [disabled]="busy().has(item.highlight.id)"
                [attr.aria-label]="'Remove from evidence: ' + item.highlight.quote"
                (click)="remove(item.highlight.id)"
              >
                Remove
              </button>
            }
          </div>
        </li>
      }
    </ol>
    @if (canEdit()) {
      <vb-evidence-finder [projectId]="insight().projectId" [evidenceIds]="evidenceIds()" />
    }
  `,
  styleUrl: './insight-evidence.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InsightEvidence {
  private readonly store = inject(InsightStore);

  readonly insight = input.required<Insight>();
  readonly canEdit = input(false);

  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly error = signal<string | null>(null);
  protected readonly readerLink = readerLink;
  protected readonly strength = computed(() => evidenceLine(this.insight().evidenceCount));
  protected readonly evidenceIds = computed(
    () => new Set(this.insight().evidence.map((e) => e.highlight.id)),
  );

  protected async remove(highlightId: string): Promise<void> {
    this.error.set(null);
    this.busy.update((s) => new Set([...s, highlightId]));
    try {
      await this.store.removeEvidence(highlightId);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.update((s) => new Set([...s].filter((id) => id !== highlightId)));
    }
  }
}
