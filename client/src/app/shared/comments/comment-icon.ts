import { ChangeDetectionStrategy, Component } from '@angular/core';

/** A speech bubble beside comment counts; decorative (the count's words say what it is). */
@Component({
  selector: 'vb-comment-icon',
  template: `
    <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        d="M2.5 2h11A1.5 1.5 0 0 1 15 3.5v7a1.5 1.5 0 0 1-1.5 1.5H7l-3.2 2.6A.5.5 0 0 1 3 14.2V12h-.5A1.5 1.5 0 0 1 1 10.5v-7A1.5 1.5 0 0 1 2.5 2Z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.3"
        stroke-linejoin="round"
      />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      vertical-align: -0.125em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentIcon {}
