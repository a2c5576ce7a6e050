import { CdkMenu, CdkMenuItem, CdkMenuTrigger } from '@angular/cdk/menu';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import type { WorkspaceFragment as Workspace } from '@verbatim/contracts';
import { WorkspacesDocument } from '@verbatim/contracts/workspaces';
import { roleLabel } from '../access/capabilities';
import { CurrentWorkspace } from '../workspace/current-workspace';

/** The header's menu of the user's workspaces, the current one marked. Keyboard: CDK menu. */
@Component({
  selector: 'vb-workspace-switcher',
  imports: [CdkMenu, CdkMenuItem, CdkMenuTrigger, RouterLink],
  templateUrl: './workspace-switcher.html',
  styleUrl: './workspace-switcher.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkspaceSwitcher {
  private readonly query = inject(Apollo).watchQuery({
    query: WorkspacesDocument,
    variables: { first: 50 },
  });
  protected readonly currentId = inject(CurrentWorkspace).id;
  protected readonly workspaces = signal<readonly Workspace[]>([]);
  protected readonly current = computed(
    () => this.workspaces().find((w) => w.id === this.currentId()) ?? null,
  );
  protected readonly roleLabel = roleLabel;
  private askedFor: string | null = null;

  constructor() {
    this.query.valueChanges.pipe(takeUntilDestroyed()).subscribe((result) => {
      if (result.dataState === 'complete')
        this.workspaces.set(result.data.workspaces.edges.map((e) => e.node));
    });
    // A workspace joined or created since the list was read: ask again, once.
    effect(() => {
      const id = this.currentId();
      if (!id || this.current() || this.askedFor === id) return;
      this.askedFor = id;
      this.refresh();
    });
  }

  protected refresh(): void {
    void this.query.refetch().catch(() => undefined);
  }
}
