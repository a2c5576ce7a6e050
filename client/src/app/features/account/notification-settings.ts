import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { DigestFrequency } from '@verbatim/contracts';
import {
  NotificationSettingsDocument,
  UpdateNotificationSettingsDocument,
} from '@verbatim/contracts/mail';
import { toAppError } from '../../core/errors/app-error';
import { browserTimeZone, hourLabel, timeZoneOptions } from './time-zones';

const FREQUENCIES: readonly { value: DigestFrequency; label: string }[] = [
  { value: 'DAILY', label: 'Every day' },
  { value: 'WEEKLY', label: 'Every Monday' },
  { value: 'OFF', label: 'Never' },
];

/**
 * The account page's e-mail settings: a digest of what changed in your projects at a local hour
 * (the time zone prefilled from this browser until saved), and an e-mail per mention. Saved even
 * when the server sends no e-mail, which the section then says.
 */
@Component({
  selector: 'vb-notification-settings',
  imports: [FormsModule],
  templateUrl: './notification-settings.html',
  styleUrl: './notification-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationSettings {
  private readonly apollo = inject(Apollo);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly frequencies = FREQUENCIES;
  protected readonly hours = Array.from({ length: 24 }, (_, h) => ({
    value: h,
    label: hourLabel(h),
  }));
  protected readonly browserZone = browserTimeZone();

  protected readonly timeZone = signal(this.browserZone);
  protected readonly digestHour = signal(8);
  protected readonly digest = signal<DigestFrequency>('OFF');
  protected readonly mentionsByEmail = signal(false);
  /** The zone the server has; null until these settings were first saved. */
  protected readonly savedZone = signal<string | null>(null);
  protected readonly emailConfigured = signal(true);
  protected readonly loaded = signal(false);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<string | null>(null);

  /** Read once the saved zone is known (a zone from another browser may be missing here). */
  protected readonly zones = computed(() =>
    timeZoneOptions(new Date(), [this.savedZone() ?? '', this.browserZone]),
  );
  protected readonly zoneFromBrowser = computed(() => this.loaded() && this.savedZone() === null);

  constructor() {
    void this.load();
  }

  protected changed(): void {
    this.saved.set(false);
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.saved.set(false);
    this.error.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateNotificationSettingsDocument,
          variables: {
            input: {
              timeZone: this.timeZone(),
              digestHour: this.digestHour(),
              digest: this.digest(),
              mentionsByEmail: this.mentionsByEmail(),
            },
          },
        }),
      );
      const settings = result.data?.updateNotificationSettings;
      if (settings) this.show(settings);
      this.saved.set(true);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const { data } = await firstValueFrom(
        this.apollo
          .query({ query: NotificationSettingsDocument, fetchPolicy: 'network-only' })
          .pipe(takeUntilDestroyed(this.destroyRef)),
      );
      if (data) this.show(data.notificationSettings);
      this.loaded.set(true);
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }

  private show(settings: {
    timeZone: string | null;
    digestHour: number;
    digest: DigestFrequency;
    mentionsByEmail: boolean;
    emailConfigured: boolean;
  }): void {
    this.savedZone.set(settings.timeZone);
    this.timeZone.set(settings.timeZone ?? this.browserZone);
    this.digestHour.set(settings.digestHour);
    this.digest.set(settings.digest);
    this.mentionsByEmail.set(settings.mentionsByEmail);
    this.emailConfigured.set(settings.emailConfigured);
  }
}
