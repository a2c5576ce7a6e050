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
import { Apollo } from 'apollo-angular';
import { Subscription } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { CodebookTagFragment as Tag, FilterOptionsQuery } from '@verbatim/contracts';
import { CodebookTagsDocument } from '@verbatim/contracts/codebook';
import { FilterOptionsDocument } from '@verbatim/contracts/evidence';
import { MembersDocument } from '@verbatim/contracts/members';
import { participantName } from '../../shared/participant-name';
import { tagTree } from '../codebook/codebook-tree';
import { type ViewFilter, activeFilterCount, attributeParam, parseAttribute } from './view-filter';

type FilterParticipant = FilterOptionsQuery['participants'][number];

const nameOrUnknown = (p: FilterParticipant | undefined) =>
  p ? participantName(p) : 'Unknown participant';

type ListKey = 'tagIds' | 'participantIds' | 'transcriptIds' | 'authorIds';

interface Chip {
  kind: string;
  label: string;
  color: string | null;
  remove: () => ViewFilter;
}

/**
 * The filters of the tag view, the heatmap and search: tags (any or all), speakers and their
 * attributes, transcripts, who highlighted, and when. It only emits the changed filter; the page
 * puts it into the URL.
 */
@Component({
  selector: 'vb-filter-bar',
  templateUrl: './filter-bar.html',
  styleUrl: './filter-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilterBar {
  private readonly apollo = inject(Apollo);
  private subscriptions = new Subscription();

  readonly projectId = input.required<string>();
  /** For the list of authors: the members of the project's workspace. */
  readonly workspaceId = input<string | null>(null);
  readonly filter = input.required<ViewFilter>();
  readonly showTags = input(true);
  readonly filterChange = output<ViewFilter>();

  protected readonly nameOf = participantName;
  protected readonly tags = signal<readonly Tag[]>([]);
  protected readonly participants = signal<readonly FilterParticipant[]>([]);
  protected readonly transcripts = signal<readonly { id: string; title: string }[]>([]);
  protected readonly authors = signal<readonly { id: string; name: string }[]>([]);
  protected readonly loadError = signal<string | null>(null);

  protected readonly tagOptions = computed(() =>
    tagTree(this.tags()).map((row) => ({
      id: row.tag.id,
      label: `${'\u2003'.repeat(row.depth)}${row.tag.name}`,
    })),
  );
  protected readonly attributeOptions = computed(() => {
    const seen = new Map<string, { key: string; value: string }>();
    for (const p of this.participants())
      for (const a of p.attributes) seen.set(attributeParam(a), { key: a.key, value: a.value });
    return [...seen.entries()]
      .map(([param, a]) => ({ param, label: `${a.key}: ${a.value}` }))
      .sort((a, b) => a.label.localeCompare(b.label));
  });
  protected readonly activeCount = computed(() =>
    activeFilterCount(this.showTags() ? this.filter() : { ...this.filter(), tagIds: [] }),
  );
  protected readonly chips = computed<Chip[]>(() => {
    const f = this.filter();
    const without = (key: ListKey, id: string) => (): ViewFilter => ({
      ...f,
      [key]: f[key].filter((x) => x !== id),
    });
    const tags = new Map(this.tags().map((t) => [t.id, t]));
    const people = new Map(this.participants().map((p) => [p.id, p]));
    const titles = new Map(this.transcripts().map((t) => [t.id, t.title]));
    const authors = new Map(this.authors().map((a) => [a.id, a.name]));
    return [
      ...(this.showTags()
        ? f.tagIds.map((id) => ({
            kind: 'Tag',
            label: tags.get(id)?.name ?? 'Unknown tag',
            color: tags.get(id)?.color ?? null,
            remove: without('tagIds', id),
          }))
        : []),
      ...f.participantIds.map((id) => ({
        kind: 'Participant',
        label: nameOrUnknown(people.get(id)),
        color: people.get(id)?.color ?? null,
        remove: without('participantIds', id),
      })),
      ...f.attributes.map((a) => ({
        kind: 'Attribute',
        label: `${a.key}: ${a.value}`,
        color: null,
        remove: () => ({
          ...f,
          attributes: f.attributes.filter((x) => attributeParam(x) !== attributeParam(a)),
        }),
      })),
      ...f.transcriptIds.map((id) => ({
        kind: 'Transcript',
        label: titles.get(id) ?? 'Unknown transcript',
        color: null,
        remove: without('transcriptIds', id),
      })),
      ...f.authorIds.map((id) => ({
        kind: 'Highlighted by',
        label: authors.get(id) ?? 'Unknown member',
        color: null,
        remove: without('authorIds', id),
      })),
    ];
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    effect(() => {
      const workspaceId = this.workspaceId();
      if (!workspaceId) return;
      untracked(() =>
        this.subscriptions.add(
          this.apollo
            .query({ query: MembersDocument, variables: { workspaceId, first: 100 } })
            .subscribe({
              next: ({ data }) =>
                this.authors.set(data?.members.edges.map((e) => e.node.user) ?? []),
              error: () => undefined,
            }),
        ),
      );
    });
    inject(DestroyRef).onDestroy(() => this.subscriptions.unsubscribe());
  }

  private load(projectId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.subscriptions.add(
      this.apollo
        .watchQuery({ query: CodebookTagsDocument, variables: { projectId } })
        .valueChanges.subscribe((result) => {
          if (result.dataState === 'complete') this.tags.set(result.data.tags);
        }),
    );
    this.subscriptions.add(
      this.apollo
        .query({ query: FilterOptionsDocument, variables: { projectId }, fetchPolicy: 'no-cache' })
        .subscribe({
          next: ({ data }) => {
            if (!data) return;
            this.participants.set(data.participants);
            this.transcripts.set(data.transcripts.edges.map((e) => e.node));
          },
          error: (err: unknown) => this.loadError.set(toAppError(err).message),
        }),
    );
  }

  protected add(key: ListKey, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const id = select.value;
    select.value = '';
    const f = this.filter();
    if (id && !f[key].includes(id)) this.filterChange.emit({ ...f, [key]: [...f[key], id] });
  }

  protected addAttribute(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const attribute = parseAttribute(select.value);
    select.value = '';
    const f = this.filter();
    if (attribute && !f.attributes.some((a) => attributeParam(a) === attributeParam(attribute)))
      this.filterChange.emit({ ...f, attributes: [...f.attributes, attribute] });
  }

  protected setMatch(event: Event): void {
    const value = (event.target as HTMLSelectElement).value === 'ALL' ? 'ALL' : 'ANY';
    this.filterChange.emit({ ...this.filter(), tagMatch: value });
  }

  protected setDay(which: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value || null;
    this.filterChange.emit({ ...this.filter(), [which]: value });
  }

  protected emit(filter: ViewFilter): void {
    this.filterChange.emit(filter);
  }

  protected clear(): void {
    const f = this.filter();
    this.filterChange.emit({
      tagIds: this.showTags() ? [] : f.tagIds,
      tagMatch: 'ANY',
      participantIds: [],
      attributes: [],
      transcriptIds: [],
      authorIds: [],
      from: null,
      to: null,
    });
  }
}
