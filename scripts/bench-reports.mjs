#!/usr/bin/env node
// The reports part of `npm run bench`: a report long enough for about 50 A4 pages (insights with
// their evidence quotes, themes, text and charts) rendered to HTML and printed to PDF by the
// api's own ReportPdf (Chromium through playwright-core), and written as DOCX; time per format,
// the PDF's pages, and peak RSS of the bench process and of Chromium's processes (sampled).
// Alone: `BENCH_SKIP_BUILD=1 node scripts/bench-reports.mjs` after `npx nx run api:build`.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const SECTIONS = Number(process.env.BENCH_REPORT_SECTIONS ?? 39);

const WORDS = `onboarding setup export pricing seats colleague dashboard invoice import calendar
  reminder search filter template permission workspace project interview theme evidence`.split(
  /\s+/,
);

function sentence(seed, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

/** A synthetic report: insights with 8 quotes each, a theme every third section, charts. */
export function syntheticReport(lib, sections = SECTIONS) {
  const quote = (s, q) => ({
    text: `${sentence(s * 31 + q, 18)} ${sentence(s + q * 3, 14)}`,
    speaker: `Participant ${String.fromCharCode(65 + ((s + q) % 20))}`,
    transcriptTitle: `Interview ${1 + ((s * 8 + q) % 40)}`,
    startMs: (s * 8 + q) * 37_000,
    link: `https://verbatim.example/t/00000000-0000-4000-8000-00000000000${q % 10}?segment=x`,
  });
  const docSections = [
    {
      kind: 'TEXT',
      markdown: `## Summary\n\n${sentence(1, 60)}\n\n- ${sentence(2, 12)}\n- ${sentence(3, 12)}`,
    },
  ];
  for (let s = 0; s < sections; s++) {
    if (s % 12 === 11)
      docSections.push({
        kind: 'CHART',
        title: 'Highlights per tag',
        svg: lib.tagFrequencyChart({
          title: 'Highlights per tag',
          bars: WORDS.slice(0, 12).map((label, i) => ({ label, count: 40 - i * 3 })),
        }),
      });
    else if (s % 3 === 2)
      docSections.push({
        kind: 'THEME',
        title: `Theme ${s + 1}: ${sentence(s, 4)}`,
        description: sentence(s + 5, 30),
        quotes: Array.from({ length: 8 }, (_, q) => quote(s, q)),
      });
    else
      docSections.push({
        kind: 'INSIGHT',
        title: `Insight ${s + 1}: ${sentence(s, 6)}`,
        body: `${sentence(s + 1, 50)}\n\n${sentence(s + 2, 40)}`,
        status: 'PUBLISHED',
        quotes: Array.from({ length: 8 }, (_, q) => quote(s, q)),
      });
  }
  return {
    title: 'Onboarding study: findings',
    generatedAt: new Date(),
    pseudonymized: true,
    sections: docSections,
  };
}

/** RSS in bytes of a process and all its descendants (Linux /proc). */
function treeRss(root) {
  const children = new Map();
  const rss = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const pages = Number(readFileSync(`/proc/${name}/statm`, 'utf8').split(' ')[1]);
      rss.set(Number(name), pages * 4096);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export async function benchReports() {
  const dist = path.resolve('dist/api');
  const lib = require(path.join(dist, 'libs/interop/src/index.js'));
  const { ReportPdf } = require(path.join(dist, 'api/src/modules/reports/report-pdf.js'));
  const { chartPng } = require(path.join(dist, 'api/src/modules/reports/report-render.task.js'));
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const pdf = new ReportPdf({ reports: { chromiumPath, pdfTimeoutMs: 600_000 } });
  const doc = syntheticReport(lib);
  let peakChildren = 0;
  const sampler = setInterval(() => {
    peakChildren = Math.max(peakChildren, treeRss(process.pid));
  }, 50);
  try {
    // A first, small print starts the browser, as the api's first PDF export does.
    const warm = performance.now();
    await pdf.print(lib.renderReportHtml(syntheticReport(lib, 1)));
    const launchMs = performance.now() - warm;
    const t0 = performance.now();
    const html = lib.renderReportHtml(doc);
    const htmlMs = performance.now() - t0;
    const t1 = performance.now();
    const bytes = await pdf.print(html);
    const pdfMs = performance.now() - t1;
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    const t2 = performance.now();
    const docx = await lib.renderReportDocx(doc, { chartPng });
    const docxMs = performance.now() - t2;
    const quotes = doc.sections.reduce((n, s) => n + (s.quotes?.length ?? 0), 0);
    const result = {
      sections: doc.sections.length,
      quotes,
      pages,
      pdfBytes: bytes.length,
      browserLaunchMs: Math.round(launchMs),
      htmlMs: Math.round(htmlMs),
      pdfMs: Math.round(pdfMs),
      docxMs: Math.round(docxMs),
      docxBytes: docx.length,
      peakRssBenchMb: Math.round(process.resourceUsage().maxRSS / 1024),
      peakRssChromiumMb: Math.round(peakChildren / 2 ** 20),
    };
    console.log(
      '\nreports: a long report printed to PDF (ReportPdf, Chromium) and written as DOCX',
    );
    console.table([result]);
    return result;
  } finally {
    clearInterval(sampler);
    await pdf.onModuleDestroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.env.BENCH_SKIP_BUILD) {
    const { spawnSync } = await import('node:child_process');
    const b = spawnSync('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (b.status !== 0) process.exit(1);
  }
  await benchReports();
}
