import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { ReportShareItemFragment } from '@verbatim/contracts';
import {
  ReportSharesDocument,
  RevokeReportShareDocument,
  ShareReportDocument,
} from '@verbatim/contracts/reports';
import { ConfirmAction } from '../../shared/confirm-action';
import {
  EXPIRY_PRESETS,
  type ExpiryPreset,
  MAX_SHARE_DAYS,
  dateExpiry,
  isoDay,
  presetExpiry,
  shareState,
} from './share-expiry';
import { PendingAction } from '../../shared/pending-action';

type Choice = ExpiryPreset | 'date';

/**
 * Share links of a report: make one that expires after a preset or on a chosen day, see its
 * address once (the token is not kept) with a Copy button, list the links and turn them off.
 */
@Component({
  selector: 'vb-share-panel',
  imports: [DatePipe, ConfirmAction],
  templateUrl: './share-panel.html',
  styleUrl: './share-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharePanel {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly urlField = viewChild<ElementRef<HTMLInputElement>>('urlField');

  readonly reportId = input.required<string>();

  protected readonly presets = EXPIRY_PRESETS;
  protected readonly choice = signal<Choice>('7d');
  protected readonly day = signal('');
  protected readonly shares = signal<readonly ReportShareItemFragment[] | null>(null);
  protected readonly created = signal<{ url: string; expiresAt: string } | null>(null);
  protected readonly copied = signal(false);
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;
  protected readonly minDay = isoDay(new Date(Date.now() + 86_400_000));
  protected readonly maxDay = isoDay(new Date(Date.now() + MAX_SHARE_DAYS * 86_400_000));
  protected readonly state = (s: ReportShareItemFragment) => shareState(s, new Date());

  constructor() {
    effect(() => {
      const id = this.reportId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: ReportSharesDocument,
          variables: { id },
          fetchPolicy: 'no-cache',
        }),
      );
      if (data) this.shares.set(data.report.shares);
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }

  protected async create(): Promise<void> {
    const now = new Date();
    let expiresAt: Date;
    const choice = this.choice();
    if (choice === 'date') {
      const picked = dateExpiry(this.day(), now);
      if ('problem' in picked) {
        this.error.set(picked.problem);
        return;
      }
      expiresAt = picked.at;
    } else expiresAt = presetExpiry(choice, now);
    await this.run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: ShareReportDocument,
          variables: { input: { reportId: this.reportId(), expiresAt: expiresAt.toISOString() } },
        }),
      );
      const share = data?.shareReport;
      if (!share) return;
      const url =
        share.url ?? (share.token ? `${location.origin}/r/${encodeURIComponent(share.token)}` : '');
      this.created.set({ url, expiresAt: share.expiresAt });
      this.copied.set(false);
      this.shares.update((all) => [share, ...(all ?? [])]);
      afterNextRender(() => this.urlField()?.nativeElement.select(), { injector: this.injector });
    });
  }

  protected async copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copied.set(true);
    } catch {
      // No clipboard (an insecure origin, a refused permission): the address is selected to copy.
      this.urlField()?.nativeElement.select();
      this.error.set('Copy the selected address with Ctrl+C (⌘C).');
    }
  }

  protected async revoke(id: string): Promise<void> {
    await this.run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({ mutation: RevokeReportShareDocument, variables: { id } }),
      );
      const revoked = data?.revokeReportShare;
      if (revoked)
        this.shares.update((all) => all?.map((s) => (s.id === id ? revoked : s)) ?? null);
    });
  }

  protected setChoice(value: string): void {
    if (value === 'date' || EXPIRY_PRESETS.some((p) => p.key === value))
      this.choice.set(value as Choice);
  }

  private run(action: () => Promise<unknown>): Promise<void> {
    return this.pending.run(action);
  }
}
