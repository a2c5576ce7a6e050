import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { SearchQuery } from '@verbatim/contracts';
import { SearchDocument } from '@verbatim/contracts/search';
import { plural } from '../../shared/format';
import { type SnippetPart, snippetParts } from '../search/snippet';
import { InsightStore } from './insight-store';

type Hit = SearchQuery['search']['edges'][number]['node'];

interface Found {
  highlightId: string;
  transcript: string;
  speaker: string | null;
  parts: SnippetPart[];
}

const PAGE_SIZE = 10;

/** Finds highlights of the project by their words (quote or note) to add as evidence. */
@Component({
  selector: 'vb-evidence-finder',
  template: `
    <section class="finder" aria-labelledby="finder-title">
      <h3 id="finder-title">Add evidence</h3>
      <form class="finder-form" role="search" (submit)="$event.preventDefault(); search(box.value)">
        <label class="visually-hidden" for="finder-box">Search this project's highlights</label>
        <input
          #box
          id="finder-box"
          class="input input--compact"
          type="search"
          autocomplete="off"
          maxlength="500"
          placeholder="Search this project's highlights"
        />
        <button type="submit" class="button button--secondary button--small">Find</button>
      </form>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      @if (loading()) {
        <p class="muted" role="status">Searching…</p>
      } @else if (total() === 0) {
        <p class="muted" role="status">
          No highlight matches “{{ asked() }}”. Try other words, or highlight the passage in its
          transcript first.
        </p>
      } @else if (total() !== null) {
        <p class="muted" role="status">{{ plural(total()!, 'highlight') }} found</p>
      }
      <ul class="found">
        @for (hit of found(); track hit.highlightId) {
          <li class="found-item">
            <!-- prettier-ignore -->
            <span class="snippet">@for (part of hit.parts; track $index) {@if (part.marked) {<mark>{{ part.text }}</mark>} @else {<span>{{ part.text }}</span>}}</span>
            <span class="found-meta">
              {{ hit.transcript }}
              @if (hit.speaker) {
                · {{ hit.speaker }}
              }
            </span>
            @if (evidenceIds().has(hit.highlightId)) {
              <span class="added">Added</span>
            } @else {
              <button
                type="button"
                class="button button--secondary button--small"
                [disabled]="adding().has(hit.highlightId)"
                [attr.aria-label]="'Add to evidence: ' + text(hit)"
                (click)="add(hit.highlightId)"
              >
                Add
              </button>
            }
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .finder {
      margin-top: 1.5rem;
      padding-top: 1rem;
      border-top: 1px solid var(--border);
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
    }
    .finder-form {
      display: flex;
      gap: 0.5rem;
      max-width: 32rem;
      margin-bottom: 0.5rem;
    }
    .found {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .found-item {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0.15rem 0.75rem;
      align-items: center;
      padding: 0.5rem 0;
      border-top: 1px dashed var(--border);
    }
    .snippet {
      font-family: var(--font-read);
    }
    .found-meta {
      grid-column: 1;
      font-size: 0.85rem;
      color: var(--muted);
    }
    .found-item > button,
    .added {
      grid-column: 2;
      grid-row: 1 / span 2;
    }
    .added {
      font-size: 0.875rem;
      color: var(--success);
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvidenceFinder {
  private readonly apollo = inject(Apollo);
  private readonly store = inject(InsightStore);
  private generation = 0;

  readonly projectId = input.required<string>();
  readonly evidenceIds = input.required<ReadonlySet<string>>();

  protected readonly found = signal<readonly Found[]>([]);
  protected readonly total = signal<number | null>(null);
  protected readonly asked = signal('');
  protected readonly loading = signal(false);
  protected readonly adding = signal<ReadonlySet<string>>(new Set());
  protected readonly error = signal<string | null>(null);
  protected readonly plural = plural;

  protected async search(text: string): Promise<void> {
    const query = text.trim();
    const generation = ++this.generation;
    this.error.set(null);
    this.found.set([]);
    this.total.set(null);
    this.asked.set(query);
    if (!query) return;
    this.loading.set(true);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: SearchDocument,
          variables: {
            input: { projectId: this.projectId(), query, kinds: ['HIGHLIGHT'] },
            first: PAGE_SIZE,
          },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation !== this.generation || !data) return;
      this.found.set(data.search.edges.flatMap((e) => toFound(e.node)));
      this.total.set(data.search.totalCount);
    } catch (err) {
      if (generation === this.generation) this.error.set(toAppError(err).message);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  protected async add(highlightId: string): Promise<void> {
    this.error.set(null);
    this.adding.update((s) => new Set([...s, highlightId]));
    try {
      await this.store.addEvidence([highlightId]);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.adding.update((s) => new Set([...s].filter((id) => id !== highlightId)));
    }
  }

  protected text(hit: Found): string {
    return hit.parts.map((p) => p.text).join('');
  }
}

function toFound(hit: Hit): Found[] {
  if (!hit.highlight) return [];
  return [
    {
      highlightId: hit.highlight.id,
      transcript: hit.transcript.title,
      speaker: hit.segment.speaker,
      parts: snippetParts(hit.snippet),
    },
  ];
}
