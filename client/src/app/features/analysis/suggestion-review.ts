import { Injectable, inject } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { AcceptSuggestionInput, SuggestionFragment as Suggestion } from '@verbatim/contracts';
import { AcceptSuggestionDocument, RejectSuggestionDocument } from '@verbatim/contracts/analysis';

/** Accepting and rejecting one suggestion, for the review list and the reader alike. */
@Injectable({ providedIn: 'root' })
export class SuggestionReview {
  private readonly apollo = inject(Apollo);

  /** Accepts it (on other words, or with other tags, when given); answers it as now stored. */
  async accept(id: string, input: AcceptSuggestionInput | null = null): Promise<Suggestion> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: AcceptSuggestionDocument,
        variables: { id, input: input && Object.keys(input).length ? input : null },
      }),
    );
    return data!.acceptSuggestion;
  }

  async reject(id: string, reason: string | null): Promise<Suggestion> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: RejectSuggestionDocument,
        variables: { id, reason: reason?.trim() || null },
      }),
    );
    return data!.rejectSuggestion;
  }
}
