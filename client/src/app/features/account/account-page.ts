import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store';
import { Session } from '../../core/auth/session';
import { toAppError } from '../../core/errors/app-error';
import { ChangePasswordDocument } from '@verbatim/contracts/auth';
import { NotificationSettings } from './notification-settings';

function differentPasswords(group: AbstractControl): ValidationErrors | null {
  const current = group.get('currentPassword')?.value as string | undefined;
  const next = group.get('newPassword')?.value as string | undefined;
  return current && next && current === next ? { samePassword: true } : null;
}

/** The signed-in user's account: change the password, e-mail settings, end every session. */
@Component({
  selector: 'vb-account-page',
  imports: [ReactiveFormsModule, NotificationSettings],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  private readonly apollo = inject(Apollo);
  private readonly session = inject(Session);
  private readonly injector = inject(Injector);
  protected readonly user = inject(AuthStore).user;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', [Validators.required]],
      newPassword: ['', [Validators.required, Validators.minLength(8), Validators.maxLength(200)]],
    },
    { validators: differentPasswords },
  );
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly passwordError = signal<string | null>(null);
  protected readonly passwordChanged = signal(false);
  protected readonly endingAll = signal(false);
  protected readonly endAllError = signal<string | null>(null);

  protected invalid(name: 'currentPassword' | 'newPassword'): boolean {
    const control = this.form.controls[name];
    const same = name === 'newPassword' && this.form.hasError('samePassword');
    return (control.invalid || same) && (control.touched || this.submitted());
  }

  protected async changePassword(): Promise<void> {
    this.submitted.set(true);
    this.passwordError.set(null);
    this.passwordChanged.set(false);
    if (this.form.invalid) {
      afterNextRender(
        () => document.querySelector<HTMLElement>('.password-form [aria-invalid="true"]')?.focus(),
        { injector: this.injector },
      );
      return;
    }
    this.saving.set(true);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: ChangePasswordDocument,
          variables: { input: this.form.getRawValue() },
        }),
      );
      if (result.data) this.session.renewed(result.data.changePassword);
      this.form.reset();
      this.submitted.set(false);
      this.passwordChanged.set(true);
    } catch (err) {
      this.passwordError.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }

  protected async logOutEverywhere(): Promise<void> {
    this.endingAll.set(true);
    this.endAllError.set(null);
    try {
      await this.session.endEverywhere();
    } catch (err) {
      this.endAllError.set(toAppError(err).message);
    } finally {
      this.endingAll.set(false);
    }
  }
}
