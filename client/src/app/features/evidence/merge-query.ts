import type { ActivatedRoute, Params, Router } from '@angular/router';

/** Changes some of the page's query parameters (null removes one) and keeps the others. */
export function mergeQuery(router: Router, route: ActivatedRoute, queryParams: Params): void {
  void router.navigate([], { relativeTo: route, queryParams, queryParamsHandling: 'merge' });
}
