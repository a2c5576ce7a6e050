import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ThemeSuggestionRunExchangesDocument } from '@verbatim/contracts/boards';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditDownloader } from './audit-download';
import { ExchangesPanel } from './exchanges-panel';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const node = (over: Record<string, unknown>) => ({
  __typename: 'ThemeSuggestionExchange',
  endpoint: 'http://127.0.0.1:1234/v1',
  status: 200,
  requestTruncated: false,
  requestBytes: 40,
  response: '{"ok":true}',
  responseTruncated: false,
  responseBytes: 11,
  responseComplete: true,
  error: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  ...over,
});

async function render(provider: 'OFFLINE' | 'OPENAI') {
  const fixture = TestBed.createComponent(ExchangesPanel);
  fixture.componentRef.setInput('runId', 'run-1');
  fixture.componentRef.setInput('provider', provider);
  fixture.componentRef.setInput('source', 'themeSuggestions');
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const details = el.querySelector('details')!;
  details.open = true; // the browser sends 'toggle' on its own
  await tick();
  fixture.detectChanges();
  return { fixture, el };
}

describe('the audit of a theme-suggestion run', () => {
  let apollo: ApolloTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [{ provide: AuditDownloader, useValue: { download: () => null } }],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });
  afterEach(() => apollo.verify());

  it('shows each request to the AI provider by what it was for, as sent', async () => {
    const { fixture, el } = await render('OPENAI');
    expect(el.querySelector('summary')?.textContent?.trim()).toBe(
      'What was sent to the AI provider',
    );
    const op = apollo.expectOne(ThemeSuggestionRunExchangesDocument);
    expect(op.operation.variables).toMatchObject({ id: 'run-1', after: null });
    op.flush({
      data: {
        themeSuggestionRun: {
          __typename: 'ThemeSuggestionRun',
          id: 'run-1',
          exchanges: {
            __typename: 'ThemeSuggestionExchangeConnection',
            totalCount: 2,
            pageInfo: { __typename: 'PageInfo', endCursor: 'c2', hasNextPage: false },
            edges: [
              {
                __typename: 'ThemeSuggestionExchangeEdge',
                node: node({
                  id: 'x2',
                  purpose: 'TITLES',
                  model: 'gpt-4o-mini',
                  request: '{"text":"<b>Participant A</b> said"}',
                }),
              },
              {
                __typename: 'ThemeSuggestionExchangeEdge',
                node: node({
                  id: 'x1',
                  purpose: 'EMBEDDINGS',
                  model: 'text-embedding-3-small',
                  status: 500,
                  error: 'HTTP 500',
                  request: '{"input":["x"]}',
                  response: null,
                }),
              },
            ],
          },
        },
      },
    });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')?.textContent ?? null).toBeNull();
    const sections = [...el.querySelectorAll('section.exchange')];
    expect(sections.map((s) => s.getAttribute('aria-label'))).toEqual([
      'Request for titles',
      'Request for embeddings',
    ]);
    expect(sections[0]!.querySelector('h4')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Titles · gpt-4o-mini · http://127.0.0.1:1234/v1 · HTTP 200',
    );
    // Shown as text, never as markup.
    expect(sections[0]!.querySelector('pre')?.textContent).toContain('<b>Participant A</b>');
    expect(sections[0]!.querySelector('b')).toBeNull();
    expect(sections[1]!.textContent).toContain('HTTP 500');
    expect(sections[1]!.textContent).toContain('(no response)');
    expect(el.textContent).toContain('Showing 2 of 2 requests.');
  });

  it('says nothing was sent for a run grouped on this server, without asking the server', async () => {
    const { el } = await render('OFFLINE');
    expect(el.textContent).toContain(
      'These highlights were grouped on this server; nothing was sent to any provider.',
    );
  });
});
