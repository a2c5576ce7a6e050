import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Session, safeReturnUrl } from '../../core/auth/session';
import { toAppError } from '../../core/errors/app-error';
import { LogInDocument } from '@verbatim/contracts/auth';
import { focusFirstInvalid } from './signup-page';

@Component({
  selector: 'vb-login-page',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './login-page.html',
  styleUrl: './auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly apollo = inject(Apollo);
  private readonly session = inject(Session);

  /** Query parameters set when a session ended on its own. */
  readonly expired = input<string>();
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected invalid(name: 'email' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid) {
      focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    try {
      const { email, password } = this.form.getRawValue();
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: LogInDocument,
          variables: { input: { email: email.trim(), password } },
        }),
      );
      if (result.data) await this.session.begin(result.data.logIn, safeReturnUrl(this.returnUrl()));
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
