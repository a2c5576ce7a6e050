#!/usr/bin/env node
// `npm run seed:demo`: with Verbatim running (`npm start`), creates a demo account and a sample
// study from the openly licensed transcripts in libs/transcript/fixtures (and, when present,
// ../shared/testdata), and prints how to log in.
//   BASE_URL=http://localhost:3000 npm run seed:demo
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const base = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const email = process.env.DEMO_EMAIL ?? 'demo@verbatim.local';
const password = process.env.DEMO_PASSWORD ?? 'verbatim demo password';

async function gql(query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  return body;
}

const health = await fetch(`${base}/health`).catch(() => null);
if (!health?.ok) {
  console.error(
    `seed:demo: Verbatim is not answering at ${base}; start it with \`npm start\` first.`,
  );
  process.exit(1);
}

let auth = await gql('mutation($i: LogInInput!){ logIn(input:$i){ token } }', {
  i: { email, password },
});
let token = auth.data?.logIn?.token;
if (!token) {
  auth = await gql('mutation($i: SignUpInput!){ signUp(input:$i){ token } }', {
    i: { email, password, name: 'Demo Researcher' },
  });
  token = auth.data?.signUp?.token;
}
if (!token) throw new Error(`could not sign in: ${JSON.stringify(auth.errors)}`);

const ws = await gql(
  'mutation($i: CreateWorkspaceInput!){ createWorkspace(input:$i){ id } }',
  { i: { name: 'Demo research team' } },
  token,
);
const project = await gql(
  'mutation($i: CreateProjectInput!){ createProject(input:$i){ id } }',
  {
    i: {
      workspaceId: ws.data.createWorkspace.id,
      name: 'Sample interviews',
      description: 'Public transcripts in every supported format.',
    },
  },
  token,
);
const projectId = project.data.createProject.id;

const fixtures = 'libs/transcript/fixtures';
const shared = '../shared/testdata';
const files = [
  [
    fixtures,
    'transcripts/zoom-export-zoomstudentengagement/GMT20240124-202901_Recording.transcript.vtt',
  ],
  [
    fixtures,
    'transcripts/zoom-export-zoomstudentengagement/synthetic-voice-tag/biology_lab_session.vtt',
  ],
  [fixtures, 'stt-json/whisper-ctranslate2-ca/ref-medium-diarization/dosparlants.json'],
  [fixtures, 'stt-json/deepgram-python-captions/dg_speakers.json'],
  [fixtures, 'docx/teams-transcript-table.docx'],
  [shared, 'transcripts/qc-demo-cs-education/admin-1-interview.txt'],
  [shared, 'transcripts/ladybug-otter/62-security.otter.md'],
]
  .map(([dir, file]) => path.join(dir, file))
  .filter((f) => existsSync(f));

for (const file of files) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), path.basename(file));
  const res = await fetch(`${base}/api/projects/${projectId}/transcripts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  console.log(`${res.status === 201 ? 'uploaded' : `HTTP ${res.status}`}  ${path.basename(file)}`);
}
// A small codebook and a few highlights, so the tag view, heatmap and search have something to show.
const codebook = [
  {
    name: 'Learning',
    color: '#2563eb',
    description:
      'Participants describe how they learn or teach. Use for study habits and teaching moments; not for tools.',
    words: ['learn', 'teach', 'student', 'class'],
  },
  {
    name: 'Tools',
    color: '#16a34a',
    description: 'Software, devices or materials in use. Not for opinions about people.',
    words: ['computer', 'software', 'tool', 'zoom', 'app'],
  },
  {
    name: 'Frustration',
    color: '#dc2626',
    description: 'Something gets in the way: errors, waiting, confusion.',
    words: ['problem', 'hard', 'difficult', 'confus', 'frustrat'],
  },
  {
    name: 'Security',
    color: '#9333ea',
    description: 'Safety, privacy, passwords, access.',
    words: ['secur', 'password', 'privacy', 'safe'],
  },
];
const deadline = Date.now() + 120_000;
let transcripts = [];
while (Date.now() < deadline) {
  const list = await gql(
    'query($p: ID!){ transcripts(projectId:$p, first:50){ edges { node { id status } } } }',
    { p: projectId },
    token,
  );
  transcripts = list.data?.transcripts.edges.map((e) => e.node) ?? [];
  if (transcripts.every((t) => t.status === 'READY' || t.status === 'FAILED')) break;
  await new Promise((r) => setTimeout(r, 500));
}
const tagIds = {};
for (const tag of codebook) {
  const created = await gql(
    'mutation($i: CreateTagInput!){ createTag(input:$i){ id } }',
    { i: { projectId, name: tag.name, color: tag.color, description: tag.description } },
    token,
  );
  tagIds[tag.name] = created.data?.createTag?.id;
}
let highlights = 0;
for (const t of transcripts.filter((x) => x.status === 'READY')) {
  let inThisTranscript = 0;
  const detail = await gql(
    'query($id: ID!){ transcript(id:$id){ segments(limit: 400){ id text } } }',
    { id: t.id },
    token,
  );
  for (const segment of detail.data?.transcript.segments ?? []) {
    for (const tag of codebook) {
      const lower = segment.text.toLowerCase();
      const hit = tag.words.map((w) => lower.indexOf(w)).find((i) => i >= 0);
      if (hit === undefined || inThisTranscript >= 10) continue;
      // The sentence around the word: from the previous full stop to the next one.
      const start = Math.max(0, segment.text.lastIndexOf('.', hit) + 1);
      const stop = segment.text.indexOf('.', hit);
      const end = stop < 0 ? segment.text.length : stop + 1;
      const offset =
        start +
        (segment.text.slice(start, end).length - segment.text.slice(start, end).trimStart().length);
      if (end - offset < 12) continue;
      const h = await gql(
        'mutation($i: CreateHighlightInput!){ createHighlight(input:$i){ id } }',
        {
          i: {
            transcriptId: t.id,
            start: { segmentId: segment.id, offset },
            end: { segmentId: segment.id, offset: end },
            tagIds: [tagIds[tag.name]],
          },
        },
        token,
      );
      if (h.data) {
        highlights++;
        inThisTranscript++;
      }
      break;
    }
  }
}
console.log(`created ${Object.keys(tagIds).length} tags and ${highlights} highlights`);
console.log(`\nOpen ${base}/p/${projectId} and log in as ${email} / ${password}`);
