import { TestBed } from '@angular/core/testing';
import { CombinedGraphQLErrors } from '@apollo/client';
import { Apollo } from 'apollo-angular';
import { Subject, of, throwError } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ORDER_CONFLICT, type Report, type ReportSection, ReportStore } from './report-store';

function section(id: string): ReportSection {
  return {
    id,
    kind: 'TEXT',
    position: 0,
    version: 1,
    text: id,
    highlightIds: [],
    insightId: null,
    themeId: null,
    chartTitle: null,
    svg: null,
    chart: null,
    insight: null,
    theme: null,
    quotes: [],
  };
}

function report(ids: string[], version: number): Report {
  return {
    id: 'r1',
    projectId: 'p1',
    title: 'Churn',
    version,
    pseudonymize: false,
    updatedAt: '2026-12-07T12:00:00Z',
    sections: ids.map(section),
  };
}

interface Move {
  sectionId: string;
  afterSectionId: string | null;
  version: number;
}

/** Apollo as the store sees it: each move waits until the test answers it. */
class FakeApollo {
  server = report(['a', 'b', 'c'], 5);
  moves: { input: Move; answer: Subject<unknown> }[] = [];
  query = vi.fn((options: { query: { definitions: { name?: { value: string } }[] } }) => {
    const name = options.query.definitions[0]?.name?.value;
    return of({
      data:
        name === 'ReportPreview'
          ? { report: { id: 'r1', version: this.server.version, previewHtml: '<p>x</p>' } }
          : { report: this.server },
    });
  });
  mutate = vi.fn((options: { variables: { input: Move } }) => {
    const answer = new Subject<unknown>();
    this.moves.push({ input: options.variables.input, answer });
    return answer;
  });

  /** Applies the move on the "server" and answers it. */
  accept(index: number): void {
    const move = this.moves[index]!;
    const ids = this.server.sections.map((s) => s.id).filter((id) => id !== move.input.sectionId);
    const at = move.input.afterSectionId ? ids.indexOf(move.input.afterSectionId) + 1 : 0;
    ids.splice(at, 0, move.input.sectionId);
    this.server = report(ids, this.server.version + 1);
    move.answer.next({ data: { moveReportSection: this.server } });
    move.answer.complete();
  }

  refuse(index: number): void {
    const move = this.moves[index]!;
    move.answer.error(
      new CombinedGraphQLErrors({
        data: null,
        errors: [{ message: 'Stale', extensions: { code: 'CONFLICT', version: 9 } }],
      }),
    );
  }
}

const order = (store: ReportStore) => store.report()?.sections.map((s) => s.id);

describe('ReportStore moves', () => {
  let apollo: FakeApollo;
  let store: ReportStore;

  beforeEach(async () => {
    apollo = new FakeApollo();
    TestBed.configureTestingModule({
      providers: [ReportStore, { provide: Apollo, useValue: apollo }],
    });
    store = TestBed.inject(ReportStore);
    await store.open('r1');
  });

  it('shows a move at once and sends it with the version and the section it follows', async () => {
    const done = store.move(2, 0);
    expect(order(store)).toEqual(['c', 'a', 'b']);
    await vi.waitFor(() => expect(apollo.moves).toHaveLength(1));
    expect(apollo.moves[0]!.input).toEqual({ sectionId: 'c', afterSectionId: null, version: 5 });
    apollo.accept(0);
    await expect(done).resolves.toBe(true);
    expect(store.report()?.version).toBe(6);
  });

  it('sends moves made in a row one after the other, each with the version the last answered', async () => {
    const first = store.move(2, 1);
    const second = store.move(1, 0);
    expect(order(store)).toEqual(['c', 'a', 'b']);
    await vi.waitFor(() => expect(apollo.moves).toHaveLength(1));
    apollo.accept(0);
    // The answer to the first does not undo the second, still shown.
    await vi.waitFor(() => expect(apollo.moves).toHaveLength(2));
    expect(order(store)).toEqual(['c', 'a', 'b']);
    expect(apollo.moves[1]!.input).toEqual({ sectionId: 'c', afterSectionId: null, version: 6 });
    apollo.accept(1);
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(order(store)).toEqual(['c', 'a', 'b']);
    expect(store.report()?.version).toBe(7);
  });

  it('reads the report again on CONFLICT, says so, and drops the moves queued behind', async () => {
    const first = store.move(0, 2);
    const second = store.move(0, 1);
    await vi.waitFor(() => expect(apollo.moves).toHaveLength(1));
    apollo.server = report(['b', 'a', 'c'], 8); // a colleague's order
    apollo.refuse(0);
    await expect(Promise.all([first, second])).resolves.toEqual([false, false]);
    expect(apollo.moves).toHaveLength(1);
    expect(store.notice()).toBe(ORDER_CONFLICT);
    expect(order(store)).toEqual(['b', 'a', 'c']);
  });

  it('puts the order back and shows the error when a move fails otherwise', async () => {
    apollo.mutate.mockImplementationOnce(() => throwError(() => new Error('Server down')) as never);
    await expect(store.move(0, 1)).resolves.toBe(false);
    expect(store.error()).toBe('Server down');
    expect(order(store)).toEqual(['a', 'b', 'c']);
  });
});
