import { DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Apollo } from 'apollo-angular';
import type { Subscription } from 'rxjs';
import { capabilitiesFor } from '../../core/access/capabilities';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import type { ProjectFragment as Project } from '@verbatim/contracts';
import { ProjectDocument } from '@verbatim/contracts/projects';
import { isNotFound } from '../../shared/not-found';

/**
 * The project an analysis page belongs to: its name for the header and the tab title, the
 * workspace for the shell, and the user's role. Call it in a field initializer of the page.
 */
export function projectContext(projectId: () => string, page: string) {
  const apollo = inject(Apollo);
  const title = inject(Title);
  const currentWorkspace = inject(CurrentWorkspace);
  const project = signal<Project | null>(null);
  const error = signal<AppError | null>(null);
  let subscription: Subscription | null = null;

  effect(() => {
    const id = projectId();
    untracked(() => {
      subscription?.unsubscribe();
      project.set(null);
      error.set(null);
      subscription = apollo
        .watchQuery({ query: ProjectDocument, variables: { id } })
        .valueChanges.subscribe((result) => {
          if (result.dataState === 'complete') {
            project.set(result.data.project);
            currentWorkspace.set(result.data.project.workspaceId);
            title.setTitle(`${page} · ${result.data.project.name} · Verbatim`);
          }
          error.set(result.error ? toAppError(result.error) : null);
        });
    });
  });
  inject(DestroyRef).onDestroy(() => subscription?.unsubscribe());

  return {
    project: project.asReadonly(),
    error: error.asReadonly(),
    notFound: computed(() => isNotFound(error())),
    can: computed(() => capabilitiesFor(project()?.role)),
  };
}

export type ProjectContext = ReturnType<typeof projectContext>;
