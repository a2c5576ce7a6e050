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
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { ProjectDigestQuery } from '@verbatim/contracts';
import { MarkProjectSeenDocument, ProjectDigestDocument } from '@verbatim/contracts/activity';
import { toAppError } from '../../core/errors/app-error';
import { formatRelative, plural } from '../../shared/format';

type Digest = ProjectDigestQuery['projectDigest'];

/** The tags listed under the new highlights; the rest are in the tag view. */
const TAGS_SHOWN = 5;

/**
 * "Since you last looked": what colleagues did in the project since the user's previous visit,
 * with links to each. Opening the project moves the marker, so the next visit starts from now;
 * what this visit shows stays on the page.
 */
@Component({
  selector: 'vb-project-digest',
  imports: [RouterLink],
  templateUrl: './project-digest.html',
  styleUrl: './project-digest.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectDigest {
  private readonly apollo = inject(Apollo);

  readonly projectId = input.required<string>();

  protected readonly digest = signal<Digest | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly plural = plural;
  protected readonly tagsShown = TAGS_SHOWN;

  /** The tag view's `from`: the day of `since`, in the user's time zone. */
  protected readonly fromDay = computed(() => {
    const since = this.digest()?.since;
    if (!since) return null;
    const at = new Date(since);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  });
  protected readonly sinceText = computed(() => {
    const d = this.digest();
    if (!d) return '';
    return d.sinceLastSeen
      ? `since you last looked, ${formatRelative(d.since)}`
      : 'in the last 7 days';
  });
  protected readonly sinceExact = computed(() => {
    const since = this.digest()?.since;
    return since ? new Date(since).toLocaleString() : '';
  });
  protected readonly nothingNew = computed(() => {
    const d = this.digest();
    return (
      !!d &&
      !d.newTranscripts.count &&
      !d.newHighlights.count &&
      !d.newComments.count &&
      !d.newInsights.count &&
      !d.boardMoves.count
    );
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => void this.load(projectId));
    });
  }

  private async load(projectId: string): Promise<void> {
    this.digest.set(null);
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: ProjectDigestDocument,
          variables: { projectId },
          fetchPolicy: 'network-only',
        }),
      );
      if (projectId !== this.projectId() || !data) return;
      this.digest.set(data.projectDigest);
      // Read: the next visit's digest starts now. A failure only means it shows this again.
      this.apollo
        .mutate({ mutation: MarkProjectSeenDocument, variables: { projectId } })
        .subscribe({ error: () => undefined });
    } catch (err) {
      if (projectId === this.projectId()) this.error.set(toAppError(err).message);
    }
  }
}
