import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { formatBytes } from '../../shared/format';
import { TranscriptUploader } from './upload-client';
import { type UploadItem, UploadQueue, isFinished, uploadFraction } from './upload-queue';

const ACCEPTED =
  '.vtt,.srt,.txt,.md,.docx,.json,text/vtt,text/plain,text/markdown,application/json';

/** Drop zone and file picker; uploads one file at a time, each with its own progress bar. */
@Component({
  selector: 'vb-upload-panel',
  imports: [RouterLink],
  templateUrl: './upload-panel.html',
  styleUrl: './upload-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadPanel {
  private readonly uploader = inject(TranscriptUploader);

  readonly projectId = input.required<string>();
  /** Titles of transcripts already listed, to name the original of a duplicate. */
  readonly knownTitles = input<ReadonlyMap<string, string>>(new Map());
  readonly uploaded = output<string>();

  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly accepted = ACCEPTED;
  protected readonly dragging = signal(false);
  protected readonly queue = new UploadQueue(
    (file, onProgress, signal) => this.uploader.upload(this.projectId(), file, onProgress, signal),
    (item) => {
      if (item.state === 'created' && item.transcriptId) this.uploaded.emit(item.transcriptId);
    },
  );
  protected readonly items = this.queue.items;
  protected readonly summary = computed(() => {
    const items = this.items();
    const done = items.filter(isFinished).length;
    return done < items.length ? `Sending file ${done + 1} of ${items.length}…` : '';
  });

  protected readonly formatBytes = formatBytes;
  protected readonly percent = (item: UploadItem): number => Math.round(uploadFraction(item) * 100);

  protected choose(): void {
    this.fileInput().nativeElement.click();
  }

  protected picked(event: Event): void {
    const inputEl = event.target as HTMLInputElement;
    if (inputEl.files) this.queue.add(Array.from(inputEl.files));
    inputEl.value = '';
  }

  protected dragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging.set(true);
  }

  protected dragLeave(event: DragEvent): void {
    const related = event.relatedTarget as Node | null;
    if (!related || !(event.currentTarget as HTMLElement).contains(related))
      this.dragging.set(false);
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const files = event.dataTransfer?.files;
    if (files?.length) this.queue.add(Array.from(files));
  }

  protected titleOf(id: string | null | undefined): string {
    return (id && this.knownTitles().get(id)) || 'an earlier transcript';
  }
}
