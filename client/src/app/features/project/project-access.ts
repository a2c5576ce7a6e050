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
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { roleLabel } from '../../core/access/capabilities';
import { toAppError } from '../../core/errors/app-error';
import type { MemberFragment as Member, ProjectFragment as Project } from '@verbatim/contracts';
import { MembersDocument } from '@verbatim/contracts/members';
import {
  ProjectMemberIdsDocument,
  UpdateProjectAccessDocument,
} from '@verbatim/contracts/projects';
import { plural } from '../../shared/format';

/** OWNER only: limit a project to named members (owners always see it). */
@Component({
  selector: 'vb-project-access',
  templateUrl: './project-access.html',
  styleUrl: './project-access.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectAccess {
  private readonly apollo = inject(Apollo);

  readonly project = input.required<Project>();

  protected readonly members = signal<readonly Member[] | null>(null);
  protected readonly restricted = signal(false);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly saved = signal<string | null>(null);
  protected readonly dirty = signal(false);
  protected readonly roleLabel = roleLabel;
  protected readonly others = computed(() =>
    (this.members() ?? []).filter((m) => m.role !== 'OWNER'),
  );
  protected readonly owners = computed(() =>
    (this.members() ?? []).filter((m) => m.role === 'OWNER'),
  );

  constructor() {
    effect(() => {
      const project = this.project();
      untracked(() => void this.load(project.id, project.workspaceId, project.restricted));
    });
  }

  private async load(projectId: string, workspaceId: string, restricted: boolean): Promise<void> {
    if (this.dirty()) return;
    this.restricted.set(restricted);
    this.loadError.set(null);
    try {
      const [members, ids] = await Promise.all([
        firstValueFrom(
          this.apollo.query({
            query: MembersDocument,
            variables: { workspaceId, first: 100 },
            fetchPolicy: 'network-only',
          }),
        ),
        firstValueFrom(
          this.apollo.query({
            query: ProjectMemberIdsDocument,
            variables: { projectId },
            fetchPolicy: 'network-only',
          }),
        ),
      ]);
      this.members.set(members.data?.members.edges.map((e) => e.node) ?? []);
      this.selected.set(new Set(ids.data?.projectMemberIds ?? []));
    } catch (err) {
      this.loadError.set(toAppError(err).message);
    }
  }

  protected toggleRestricted(event: Event): void {
    this.restricted.set((event.target as HTMLInputElement).checked);
    this.dirty.set(true);
    this.saved.set(null);
  }

  protected toggleMember(userId: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.selected.update((current) => {
      const next = new Set(current);
      if (checked) next.add(userId);
      else next.delete(userId);
      return next;
    });
    this.dirty.set(true);
    this.saved.set(null);
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.saveError.set(null);
    const memberIds = [...this.selected()];
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateProjectAccessDocument,
          variables: {
            input: { projectId: this.project().id, restricted: this.restricted(), memberIds },
          },
        }),
      );
      this.dirty.set(false);
      this.saved.set(
        this.restricted()
          ? `Saved. Owners and ${plural(memberIds.length, 'other member')} can see this project.`
          : 'Saved. Every member of the workspace can see this project.',
      );
    } catch (err) {
      this.saveError.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }
}
