import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { ViewsNav } from './views-nav';

@Component({ template: '' })
class Blank {}

@Component({
  imports: [ViewsNav],
  template: `<vb-views-nav projectId="p1" />`,
})
class Host {}

describe('the links between a project’s views', () => {
  it('names each view, in order, with its address', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', component: Blank }])],
    });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const nav = (fixture.nativeElement as HTMLElement).querySelector('nav')!;
    expect(nav.getAttribute('aria-label')).toBe('Project views');
    const links = [...nav.querySelectorAll('a')].map((a) => [
      a.textContent,
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Transcripts', '/p/p1'],
      ['Codebook', '/p/p1/codebook'],
      ['Tag view', '/p/p1/evidence'],
      ['Heatmap', '/p/p1/heatmap'],
      ['Boards', '/p/p1/boards'],
      ['Insights', '/p/p1/insights'],
      ['Reports', '/p/p1/reports'],
      ['Search', '/p/p1/search'],
      ['Analysis', '/p/p1/analysis'],
    ]);
  });
});
