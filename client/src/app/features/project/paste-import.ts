import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { ImportTranscriptDocument } from '@verbatim/contracts/transcripts';

/** Paste a transcript's text (VTT, SRT or "Name: text" lines) instead of uploading a file. */
@Component({
  selector: 'vb-paste-import',
  imports: [FormsModule],
  templateUrl: './paste-import.html',
  styleUrl: './paste-import.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasteImport {
  private readonly apollo = inject(Apollo);

  readonly projectId = input.required<string>();
  readonly imported = output<string>();

  protected readonly filename = signal('pasted-transcript.txt');
  protected readonly title = signal('');
  protected readonly content = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  protected async submit(): Promise<void> {
    this.error.set(null);
    this.done.set(null);
    const filename = this.filename().trim();
    const content = this.content();
    if (!filename) return this.error.set('Give the text a file name, such as interview-04.vtt.');
    if (!content.trim()) return this.error.set('Paste the transcript text first.');
    this.busy.set(true);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: ImportTranscriptDocument,
          variables: {
            input: {
              projectId: this.projectId(),
              filename,
              content,
              title: this.title().trim() || null,
            },
          },
        }),
      );
      const transcript = result.data?.importTranscript;
      if (transcript) {
        this.done.set(`Imported “${transcript.title}”.`);
        this.content.set('');
        this.title.set('');
        this.imported.emit(transcript.id);
      }
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
