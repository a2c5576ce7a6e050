import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { MeDocument } from '@verbatim/contracts/auth';
import { AuthStore } from '../auth/auth-store';
import { Session } from '../auth/session';
import { UnreadNotifications } from '../notifications/unread-notifications';
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
  protected readonly unread = inject(UnreadNotifications).count;
  /** "Inbox, 3 unread": the badge's number is read with the link's name. */
  protected readonly inboxLabel = computed(() => {
    const n = this.unread();
    return n ? `Inbox, ${n} unread` : 'Inbox';
  });

  constructor() {
    const auth = inject(AuthStore);
    const unread = inject(UnreadNotifications);
    unread.start();
    inject(DestroyRef).onDestroy(() => unread.stop());
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
