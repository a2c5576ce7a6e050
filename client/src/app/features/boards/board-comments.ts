import { Injectable, signal } from '@angular/core';

/**
 * Which theme's discussion the board shows in its drawer (one at a time), shared by the theme
 * headers that open it and the drawer. Provided by the board page.
 */
@Injectable()
export class BoardComments {
  readonly themeId = signal<string | null>(null);
  /** Told when a person opens or closes the drawer (the page keeps its address in step). */
  onChange: ((themeId: string | null) => void) | null = null;

  toggle(themeId: string): void {
    this.themeId.update((open) => (open === themeId ? null : themeId));
    this.onChange?.(this.themeId());
  }

  close(): void {
    this.themeId.set(null);
    this.onChange?.(null);
  }
}
