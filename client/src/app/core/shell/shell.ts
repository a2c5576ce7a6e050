import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { MeDocument } from '@verbatim/contracts/auth';
import { AuthStore } from '../auth/auth-store';
import { Session } from '../auth/session';
import { CurrentWorkspace } from '../workspace/current-workspace';
import { WorkspaceSwitcher } from './workspace-switcher';

/** The signed-in frame: app name, workspace switcher, the user, log out, and the page. */
@Component({
  selector: 'vb-shell',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, WorkspaceSwitcher],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly session = inject(Session);
  protected readonly user = inject(AuthStore).user;
  protected readonly currentWorkspaceId = inject(CurrentWorkspace).id;
  protected readonly loggingOut = signal(false);

  constructor() {
    const auth = inject(AuthStore);
    // Confirms the stored token still works and refreshes the name shown in the header.
    inject(Apollo)
      .query({ query: MeDocument, fetchPolicy: 'network-only' })
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe({
        next: ({ data }) => {
          if (data?.me) auth.updateUser(data.me);
        },
        error: () => undefined,
      });
  }

  protected logOut(): void {
    this.loggingOut.set(true);
    void this.session.end().finally(() => this.loggingOut.set(false));
  }
}
