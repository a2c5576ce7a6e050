import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type {
  ProjectAiSettingsFragment as ProjectAiSettings,
  UpdateProjectAiSettingsInput,
} from '@verbatim/contracts';
import { UpdateProjectAiSettingsDocument } from '@verbatim/contracts/analysis';

type Toggle = 'aiAllowed' | 'redactEmails' | 'redactPhones' | 'redactNames';

/** The project's AI settings: whether text may leave the server, and what is redacted first. */
@Component({
  selector: 'vb-ai-settings-panel',
  template: `
    <h2 id="ai-settings-title">AI settings</h2>
    @if (settings(); as s) {
      <p class="field-hint">
        @if (s.openAiConfigured) {
          This server has an OpenAI-compatible provider configured.
        } @else {
          This server has no OpenAI-compatible provider configured, so runs use the offline tagger.
        }
        With AI not allowed only the offline tagger runs, and no transcript text leaves the server.
      </p>
      @if (!canEdit()) {
        <p class="field-hint" role="note">Only owners change these settings.</p>
      }
      <ul class="toggles" aria-labelledby="ai-settings-title">
        @for (t of toggles; track t.key) {
          <li>
            <label class="check">
              <input
                type="checkbox"
                [checked]="s[t.key]"
                [disabled]="!canEdit() || busy()"
                (change)="set(t.key, $any($event.target).checked)"
              />
              <span>
                {{ t.label }}
                <span class="hint">{{ t.hint }}</span>
              </span>
            </label>
          </li>
        }
      </ul>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
    } @else {
      <p class="muted" role="status">Loading…</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .toggles {
      list-style: none;
      margin: 0.75rem 0 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .check {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      cursor: pointer;
    }
    .check input {
      margin-top: 0.3rem;
    }
    .hint {
      display: block;
      color: var(--muted);
      font-size: 0.85rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AiSettingsPanel {
  private readonly apollo = inject(Apollo);

  readonly projectId = input.required<string>();
  readonly settings = input<ProjectAiSettings | null>(null);
  /** Owners only. */
  readonly canEdit = input(false);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly toggles: readonly { key: Toggle; label: string; hint: string }[] = [
    {
      key: 'aiAllowed',
      label: 'AI allowed',
      hint: 'Runs may send transcript text to the OpenAI-compatible provider.',
    },
    {
      key: 'redactEmails',
      label: 'Redact e-mail addresses',
      hint: 'Replaced by placeholders before text leaves the server.',
    },
    {
      key: 'redactPhones',
      label: 'Redact phone numbers',
      hint: 'Replaced by placeholders before text leaves the server.',
    },
    {
      key: 'redactNames',
      label: 'Redact participant names',
      hint: 'Replaced by pseudonyms, restored in the suggestions that come back.',
    },
  ];

  protected async set(key: Toggle, value: boolean): Promise<void> {
    const input: UpdateProjectAiSettingsInput = { projectId: this.projectId(), [key]: value };
    this.busy.set(true);
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateProjectAiSettingsDocument,
          variables: { input },
          // The project's settings (and its default provider) read back through the cache.
          update: (cache, result) => {
            const settings = result.data?.updateProjectAiSettings;
            if (!settings) return;
            cache.modify({
              id: cache.identify({ __typename: 'Project', id: this.projectId() }),
              fields: { aiSettings: () => settings },
            });
          },
        }),
      );
      if (!data) this.error.set('The settings could not be saved.');
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
    this.busy.set(false);
  }
}
