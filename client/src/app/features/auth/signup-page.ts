import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Session, safeReturnUrl } from '../../core/auth/session';
import { toAppError } from '../../core/errors/app-error';
import { SignUpDocument } from '@verbatim/contracts/auth';

@Component({
  selector: 'vb-signup-page',
  imports: [ReactiveFormsModule, RouterLink],
  templateUrl: './signup-page.html',
  styleUrl: './auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignupPage {
  private readonly apollo = inject(Apollo);
  private readonly session = inject(Session);

  /** Query parameters: where to go after signing up (an invitation), and an e-mail to start with. */
  readonly returnUrl = input<string>();
  readonly email = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    password: ['', [Validators.required, Validators.minLength(8), Validators.maxLength(200)]],
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const email = this.email();
      if (email) untracked(() => this.form.controls.email.setValue(email));
    });
  }

  protected invalid(name: 'name' | 'email' | 'password'): boolean {
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
      const { name, email, password } = this.form.getRawValue();
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: SignUpDocument,
          variables: { input: { name: name.trim(), email: email.trim(), password } },
        }),
      );
      if (result.data)
        await this.session.begin(result.data.signUp, safeReturnUrl(this.returnUrl()));
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}

export function focusFirstInvalid(): void {
  queueMicrotask(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
}
