import { OverlayModule } from '@angular/cdk/overlay';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import type { ReaderHighlight } from './reader-types';
import { TagPicker } from '../../shared/tag-picker/tag-picker';
import { HighlightPanel } from './highlight-panel';
import { HighlightStore } from './highlight-store';
import { ReaderSelection } from './reader-selection';
import { ReaderState } from './reader-state';
import { BESIDE_WORDS } from './reader-layout';
import { SuggestionPanel } from './suggestion-panel';
import { SuggestionStore } from './suggestion-store';

/**
 * What the reader shows about the words: the tag picker for a selection, the chooser between
 * overlapping highlights, the panel of a highlight or suggestion (in the rail of a wide screen,
 * a sheet along the bottom of a narrow one), the touch screen's "Tag selection" and the toasts.
 */
@Component({
  selector: 'vb-reader-panels',
  imports: [OverlayModule, TagPicker, HighlightPanel, SuggestionPanel],
  templateUrl: './reader-panels.html',
  styleUrl: './reader-panels.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReaderPanels {
  protected readonly state = inject(ReaderState);
  protected readonly selection = inject(ReaderSelection);
  protected readonly store = inject(HighlightStore);
  protected readonly suggestions = inject(SuggestionStore);

  readonly projectId = input.required<string>();

  protected readonly besideWords = BESIDE_WORDS;
  protected readonly activeHighlight = computed(() => {
    const id = this.state.activeId();
    return id ? (this.store.byId().get(id) ?? null) : null;
  });
  protected readonly chooserItems = computed(() =>
    (this.state.chooser()?.ids ?? []).flatMap((id) => this.store.byId().get(id) ?? []),
  );

  constructor() {
    effect(() => {
      const open = this.state.activeId() ?? this.suggestions.activeLayoutId();
      if (open)
        untracked(() =>
          this.selection.keepClear(open, 'vb-highlight-panel aside, vb-suggestion-panel aside'),
        );
    });
  }

  protected async undoDelete(): Promise<void> {
    try {
      const restored = await this.store.undoDelete();
      if (restored) this.state.flash(restored.id);
    } catch (err) {
      this.state.fail(err);
    }
  }

  protected chooserLabel(h: ReaderHighlight): string {
    const quote = h.quote.length > 60 ? `${h.quote.slice(0, 57)}…` : h.quote;
    return `${h.tags.map((t) => t.name).join(', ') || 'No tags'} — “${quote}”`;
  }
}
