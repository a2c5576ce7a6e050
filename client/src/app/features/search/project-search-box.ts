import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router } from '@angular/router';

/** The project header's search box: opens the search page with what was typed. */
@Component({
  selector: 'vb-project-search-box',
  template: `
    <form class="project-search" role="search" (submit)="go($event, box.value)">
      <label class="visually-hidden" for="project-search-input">Search this project</label>
      <input
        #box
        id="project-search-input"
        class="input input--compact"
        type="search"
        name="q"
        autocomplete="off"
        placeholder="Search this project…"
      />
      <button type="submit" class="button button--secondary button--small">Search</button>
    </form>
  `,
  styles: `
    .project-search {
      display: flex;
      gap: 0.4rem;
      align-items: center;
    }
    .input {
      width: 16rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectSearchBox {
  private readonly router = inject(Router);

  readonly projectId = input.required<string>();

  protected go(event: Event, value: string): void {
    event.preventDefault();
    const q = value.trim();
    void this.router.navigate(['/p', this.projectId(), 'search'], {
      queryParams: q ? { q } : {},
    });
  }
}
