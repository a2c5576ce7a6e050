import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Renderer2,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';

/**
 * The report exactly as its export will look: the api's HTML export (`previewHtml`, one
 * self-contained document with its own strict Content-Security-Policy) in an iframe sandboxed
 * with no permissions at all: no scripts, no forms, no same-origin access, no navigation of this
 * page. The document is given through `srcdoc` as a property: Angular's HTML sanitiser would
 * strip its stylesheet, and the empty sandbox is what keeps it harmless.
 */
@Component({
  selector: 'vb-report-preview',
  template: `
    <iframe
      #frame
      class="frame"
      sandbox=""
      title="Preview of the report as it will be exported"
      data-testid="report-preview"
    ></iframe>
    @if (loading()) {
      <p class="muted updating" role="status">Updating the preview…</p>
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .frame {
      display: block;
      width: 100%;
      height: min(80vh, 60rem);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: #fff;
    }
    .updating {
      position: absolute;
      top: 0.5rem;
      right: 0.75rem;
      margin: 0;
      padding: 0.1rem 0.5rem;
      background: var(--surface);
      border-radius: var(--radius);
      font-size: 0.8rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPreview {
  private readonly renderer = inject(Renderer2);
  private readonly frame = viewChild.required<ElementRef<HTMLIFrameElement>>('frame');

  readonly html = input<string | null>(null);
  readonly loading = input(false);

  constructor() {
    effect(() => {
      const html = this.html();
      if (html !== null) this.renderer.setProperty(this.frame().nativeElement, 'srcdoc', html);
    });
  }
}
