import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { formatTimestamp } from '../../shared/format';

/** A quote as a report shows it; with its transcript and turn, it links back to the reader. */
export interface ShownQuote {
  text: string;
  speaker: string | null;
  transcriptTitle: string;
  startMs: number | null;
  transcriptId?: string;
  segmentId?: string;
}

/** The quotes of a section: the words, who said them (or their pseudonym), where and when. */
@Component({
  selector: 'vb-report-quotes',
  imports: [RouterLink],
  template: `
    <ul class="quotes">
      @for (q of quotes(); track $index) {
        <li>
          <figure class="quote">
            <blockquote>“{{ q.text }}”</blockquote>
            <figcaption>
              <span class="speaker">{{ q.speaker ?? 'Unknown speaker' }}</span>
              ·
              @if (links() && q.transcriptId) {
                <a [routerLink]="['/t', q.transcriptId]" [queryParams]="{ segment: q.segmentId }">{{
                  q.transcriptTitle
                }}</a>
              } @else {
                <span>{{ q.transcriptTitle }}</span>
              }
              @if (time(q.startMs); as t) {
                · <span class="time">{{ t }}</span>
              }
            </figcaption>
          </figure>
        </li>
      } @empty {
        <li class="muted">No quotes.</li>
      }
    </ul>
  `,
  styles: `
    .quotes {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
    }
    .quote {
      margin: 0 0 0.75rem;
      padding-left: 0.75rem;
      border-left: 3px solid var(--border-strong);
      break-inside: avoid;
    }
    blockquote {
      margin: 0;
      font-family: var(--font-read);
      overflow-wrap: anywhere;
    }
    figcaption {
      font-size: 0.85rem;
      color: var(--muted);
    }
    .speaker {
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportQuotes {
  readonly quotes = input.required<readonly ShownQuote[]>();
  /** Links back to the transcripts (inside the app only, never on the public page). */
  readonly links = input(false);

  protected time(ms: number | null): string {
    return formatTimestamp(ms);
  }
}

/** An SVG document as an image address: shown in an <img>, its content can run nothing. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
