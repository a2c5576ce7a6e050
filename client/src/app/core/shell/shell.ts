import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { ME } from '../../graphql/auth';
import { AuthStore } from '../auth/auth-store';
import { Session } from '../auth/session';

/** The signed-in frame: app name, the user, log out, and the page. */
@Component({
  selector: 'vb-shell',
  imports: [RouterLink, RouterOutlet],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly session = inject(Session);
  protected readonly user = inject(AuthStore).user;

  constructor() {
    const auth = inject(AuthStore);
    // Confirms the stored token still works and refreshes the name shown in the header.
    inject(Apollo)
      .query({ query: ME, fetchPolicy: 'network-only' })
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe({
        next: ({ data }) => {
          if (data?.me) auth.updateUser(data.me);
        },
        error: () => undefined,
      });
  }

  protected logOut(): void {
    void this.session.end();
  }
}
