import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { AssignmentItemFragment } from '@verbatim/contracts';
import {
  CompleteAssignmentDocument,
  MyWorkDocument,
  ReopenAssignmentDocument,
} from '@verbatim/contracts/assignments';
import { toAppError } from '../../core/errors/app-error';
import { KeysetPager, keysetPage } from '../../shared/keyset-pager';
import { LoadMore } from '../../shared/load-more';
import { assignmentLink, assignmentTask } from './assignment-links';
import { formatDue, groupByDue, localTimeZone } from './due';

const PAGE_SIZE = 50;

/**
 * What colleagues asked the user to code or review, across workspaces: grouped by when it is
 * due (in the user's own time zone), each opening its place, each marked done from here.
 */
@Component({
  selector: 'vb-my-work-page',
  imports: [RouterLink, LoadMore],
  templateUrl: './my-work-page.html',
  styleUrl: './my-work-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyWorkPage {
  private readonly apollo = inject(Apollo);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  protected readonly timeZone = localTimeZone();

  protected readonly includeDone = signal(false);
  protected readonly pager = new KeysetPager<AssignmentItemFragment>(async (after) => {
    const { data } = await firstValueFrom(
      this.apollo
        .query({
          query: MyWorkDocument,
          variables: { first: PAGE_SIZE, after, includeDone: this.includeDone() },
          fetchPolicy: 'network-only',
        })
        .pipe(takeUntilDestroyed(this.destroyRef)),
    );
    if (!data) return null;
    this.now.set(Date.now());
    return keysetPage(data.myWork);
  });
  protected readonly items = this.pager.items;
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly error = this.pager.error;
  protected readonly now = signal(Date.now());
  protected readonly groups = computed(() => groupByDue(this.items(), this.now(), this.timeZone));
  protected readonly link = assignmentLink;
  protected readonly task = assignmentTask;

  constructor() {
    void this.pager.load(false);
  }

  protected due(iso: string): string {
    return formatDue(iso, this.now(), this.timeZone);
  }

  protected setIncludeDone(value: boolean): void {
    this.includeDone.set(value);
    void this.pager.load(false);
  }

  /** Marks it done (or open again); a done one leaves the list unless done ones are shown. */
  protected async setDone(a: AssignmentItemFragment, done: boolean): Promise<void> {
    this.busy.update((ids) => new Set([...ids, a.id]));
    this.error.set(null);
    try {
      const changed = await this.mark(a.id, done);
      if (!changed) return;
      const index = this.items().findIndex((i) => i.id === a.id);
      this.items.update((list) =>
        done && !this.includeDone()
          ? list.filter((i) => i.id !== a.id)
          : list.map((i) => (i.id === a.id ? changed : i)),
      );
      void this.announcer.announce(`${this.task(a)}: ${done ? 'marked done' : 'open again'}.`);
      this.focusNear(index);
    } catch (e) {
      this.error.set(toAppError(e).message);
    } finally {
      this.busy.update((ids) => new Set([...ids].filter((id) => id !== a.id)));
    }
  }

  private async mark(id: string, done: boolean): Promise<AssignmentItemFragment | undefined> {
    if (done) {
      const { data } = await firstValueFrom(
        this.apollo.mutate({ mutation: CompleteAssignmentDocument, variables: { id } }),
      );
      return data?.completeAssignment;
    }
    const { data } = await firstValueFrom(
      this.apollo.mutate({ mutation: ReopenAssignmentDocument, variables: { id } }),
    );
    return data?.reopenAssignment;
  }

  /** The focus goes to the item that took the place of the one that left, else the heading. */
  private focusNear(index: number): void {
    afterNextRender(
      () => {
        const links = document.querySelectorAll<HTMLElement>('.work-link');
        (links.item(Math.min(index, links.length - 1)) ?? document.querySelector('h1'))?.focus();
      },
      { injector: this.injector },
    );
  }
}
