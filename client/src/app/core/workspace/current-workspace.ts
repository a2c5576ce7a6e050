import { Injectable, signal } from '@angular/core';

/**
 * The workspace the user is working in, for the header's switcher and members link. Pages
 * that belong to a workspace (its projects, a project, a transcript) set it once they know it;
 * it stays while the user visits pages outside any workspace.
 */
@Injectable({ providedIn: 'root' })
export class CurrentWorkspace {
  private readonly idState = signal<string | null>(null);

  readonly id = this.idState.asReadonly();

  set(workspaceId: string): void {
    this.idState.set(workspaceId);
  }

  /** After leaving or losing a workspace, and when the user changes. */
  clear(workspaceId?: string): void {
    if (workspaceId === undefined || this.idState() === workspaceId) this.idState.set(null);
  }
}
