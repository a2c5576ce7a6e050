import { Injectable, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { SearchLanguagesDocument } from '@verbatim/contracts/transcripts';
import type { LanguageOption } from './language-names';

/** The languages search can stem, loaded once per session for every language picker. */
@Injectable({ providedIn: 'root' })
export class SearchLanguages {
  private readonly apollo = inject(Apollo);
  private requested = false;
  private readonly list = signal<readonly LanguageOption[]>([]);

  /** The list (empty until loaded); the first call starts loading it. */
  languages(): readonly LanguageOption[] {
    if (!this.requested) {
      this.requested = true;
      this.apollo.query({ query: SearchLanguagesDocument }).subscribe({
        next: ({ data }) => this.list.set(data?.searchLanguages ?? []),
        error: () => (this.requested = false),
      });
    }
    return this.list();
  }
}
