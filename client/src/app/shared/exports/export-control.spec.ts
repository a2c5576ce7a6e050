import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ExportFormat, ExportItemFragment } from '@verbatim/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportControl } from './export-control';
import { ExportsApi } from './export-download';

function job(overrides: Partial<ExportItemFragment> = {}): ExportItemFragment {
  return {
    id: 'e1',
    status: 'QUEUED',
    progress: 0,
    format: 'XLSX',
    filename: 'Onboarding – highlights.xlsx',
    downloadUrl: null,
    error: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The api as the control sees it: each `get` waits until the test answers it. */
class FakeApi {
  private readonly asking: ((state: ExportItemFragment) => void)[] = [];
  downloads: string[] = [];
  retries: string[] = [];
  get = vi.fn(() => new Promise<ExportItemFragment>((resolve) => this.asking.push(resolve)));
  /** Answers the control's question about the export, once it asks. */
  async answer(state: ExportItemFragment): Promise<void> {
    await vi.waitFor(() => expect(this.asking.length).toBeGreaterThan(0));
    this.asking.shift()!(state);
  }
  retry = vi.fn((id: string) => {
    this.retries.push(id);
    return Promise.resolve(job({ status: 'QUEUED' }));
  });
  download = vi.fn((id: string) => {
    this.downloads.push(id);
    return Promise.resolve();
  });
}

@Component({
  imports: [ExportControl],
  template: `<vb-export-control
    label="Export the highlights shown:"
    [formats]="[
      { format: 'CSV', label: 'CSV' },
      { format: 'XLSX', label: 'Excel (.xlsx)' },
    ]"
    [request]="request"
    [pollMs]="5"
  />`,
})
class Host {
  asked: ExportFormat[] = [];
  first = job();
  readonly request = (format: ExportFormat) => {
    this.asked.push(format);
    return Promise.resolve(this.first);
  };
}

describe('an export control', () => {
  let api: FakeApi;
  beforeEach(() => {
    api = new FakeApi();
    TestBed.configureTestingModule({ providers: [{ provide: ExportsApi, useValue: api }] });
  });

  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    const click = async (text: string) => {
      const button = [...el.querySelectorAll('button')].find((b) =>
        b.textContent?.trim().startsWith(text),
      );
      if (!button) throw new Error(`no button ${text}`);
      button.click();
      await settle();
    };
    const status = () =>
      el.querySelector('[role=status]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    /** Waits for the status line to say `text`. */
    const until = (text: string) =>
      vi.waitFor(async () => {
        await settle();
        expect(status()).toContain(text);
      });
    return { el, host: fixture.componentInstance, settle, click, status, until };
  }

  it('starts the chosen format, follows its progress, then offers the download', async () => {
    const { host, el, click, until } = await render();
    await click('Excel (.xlsx)');
    expect(host.asked).toEqual(['XLSX']);
    await until('waiting to start');
    // Nothing else can be started while it runs.
    expect([...el.querySelectorAll('button')].every((b) => b.disabled)).toBe(true);

    await api.answer(job({ status: 'RUNNING', progress: 40 }));
    await until('Preparing Onboarding – highlights.xlsx… 40 %');
    await api.answer(
      job({ status: 'READY', progress: 100, downloadUrl: '/api/exports/e1/download?sig=x' }),
    );
    await until('Onboarding – highlights.xlsx is ready.');
    await click('Download');
    expect(api.downloads).toEqual(['e1']);

    // Finished: it stops asking.
    const asked = api.get.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.get.mock.calls.length).toBe(asked);
  });

  it('says why an export failed and starts it again on Retry', async () => {
    const { click, until } = await render();
    await click('CSV');
    await api.answer(job({ status: 'FAILED', error: 'The project has no highlights to export.' }));
    await until('could not be made: The project has no highlights to export.');
    await click('Retry');
    expect(api.retries).toEqual(['e1']);
    await until('waiting to start');
  });
});
