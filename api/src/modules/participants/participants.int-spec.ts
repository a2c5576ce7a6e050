import { DataSource } from 'typeorm';
import { TestApp } from '../../../test/test-app';
import { splitGenericSpeakers } from '../../database/migrations/1796588004992-SpeakerScopes';

const PARTICIPANTS = `query($p: ID!) { participants(projectId: $p) {
  id label displayName transcriptId transcriptTitle segmentCount attributes { key value } } }`;
const MAP = `mutation($i: MapSpeakerInput!) { mapSpeaker(input: $i) {
  id transcriptId transcriptTitle turnCount undoneAt createdBy { name }
  source { id displayName } target { id displayName } } }`;
const UNDO = `mutation($i: UndoSpeakerMappingInput!) { undoSpeakerMapping(input: $i) {
  id undoneAt undoneBy { name } } }`;
const MAPPINGS = `query($f: SpeakerMappingFilter!) { speakerMappings(filter: $f) {
  totalCount edges { node { id transcriptTitle turnCount source { displayName } target { displayName } } } } }`;
const UPDATE = `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id displayName } }`;
const HIGHLIGHT = `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`;
const HIGHLIGHTS = `query($f: HighlightFilter!) { highlights(filter: $f) {
  totalCount edges { node { id quote participant { id displayName } } } } }`;
const MATRIX = `query($f: HighlightFilter!) { tagMatrix(filter: $f, by: PARTICIPANT) {
  columns { id label } cells { tagId columnId count } } }`;
const ACTIVITY = `query($w: ID!) { activity(workspaceId: $w, first: 20) { edges { node { verb summary } } } }`;

interface Participant {
  id: string;
  label: string;
  displayName: string;
  transcriptId: string | null;
  transcriptTitle: string | null;
  segmentCount: number;
  attributes: { key: string; value: string }[];
}

interface Turn {
  id: string;
  speaker: string | null;
  text: string;
  participant: { id: string; displayName: string } | null;
}

/** Turns of named speakers (the text parser wants each label at least twice). */
const talk = (...names: string[]) =>
  [...names, ...names]
    .map((n, i) => `${n}: ${i < names.length ? 'Hello' : 'And again'}, ${n}.`)
    .join('\n') + '\n';

/** An interview as a transcription service labels it: an interviewer and "Speaker 1". */
const interview = (topic: string) => `Interviewer: How do you plan ${topic}?
Speaker 1: I start on Mondays with ${topic}.
Interviewer: What gets in the way of ${topic}?
Speaker 1: Meetings, mostly, when ${topic} slips.
Speaker 2: And the time zones for ${topic}.
Interviewer: Anything else?
Speaker 2: No, that is all about ${topic}.
`;

describe('participants and speaker mappings', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  const participants = async (projectId: string, token: string) =>
    (await t.ok<{ participants: Participant[] }>(PARTICIPANTS, { p: projectId }, token))
      .participants;
  const turns = async (transcriptId: string, token: string) =>
    (
      await t.ok<{ transcript: { segments: Turn[] } }>(
        `query($id: ID!) { transcript(id: $id) { segments { id speaker text participant { id displayName } } } }`,
        { id: transcriptId },
        token,
      )
    ).transcript.segments;
  const speakerIn = async (transcriptId: string, label: string, token: string) =>
    (await turns(transcriptId, token)).find((s) => s.speaker === label)!.participant!.id;

  it('keeps generic labels apart per transcript and matches names across the project', async () => {
    const { user, projectId } = await t.newProject();
    const a = await t.importText(projectId, user.token, 'a.txt', interview('the week'));
    const b = await t.importText(projectId, user.token, 'b.txt', interview('a sprint'));
    const named = await t.importText(
      projectId,
      user.token,
      'c.txt',
      talk('Interviewer', 'Maria Lopez', 'SPEAKER_00'),
    );
    const named2 = await t.importText(
      projectId,
      user.token,
      'd.txt',
      talk('Maria Lopez', 'SPEAKER_00'),
    );
    const idOf = (tr: typeof a, label: string) =>
      tr.participants.find((p) => p.label === label)!.id;
    expect(idOf(a, 'Speaker 1')).not.toBe(idOf(b, 'Speaker 1'));
    expect(idOf(a, 'Speaker 2')).not.toBe(idOf(b, 'Speaker 2'));
    expect(idOf(named, 'SPEAKER_00')).not.toBe(idOf(named2, 'SPEAKER_00'));
    expect(idOf(named, 'Maria Lopez')).toBe(idOf(named2, 'Maria Lopez'));
    expect(idOf(a, 'Interviewer')).toBe(idOf(b, 'Interviewer'));
    const list = await participants(projectId, user.token);
    const speaker1 = list.filter((p) => p.label === 'Speaker 1');
    expect(speaker1.map((p) => [p.transcriptId, p.transcriptTitle, p.segmentCount])).toEqual([
      [a.id, 'a', 2],
      [b.id, 'b', 2],
    ]);
    expect(list.find((p) => p.label === 'Maria Lopez')).toMatchObject({
      transcriptId: null,
      transcriptTitle: null,
      segmentCount: 4,
    });
  });

  it("renames one transcript's generic speaker without touching the other transcripts", async () => {
    const { user, projectId } = await t.newProject();
    const a = await t.importText(projectId, user.token, 'a.txt', interview('hiring'));
    const b = await t.importText(projectId, user.token, 'b.txt', interview('budgets'));
    await t.ok(
      UPDATE,
      { i: { id: await speakerIn(a.id, 'Speaker 1', user.token), displayName: 'Aiko' } },
      user.token,
    );
    expect(
      (await turns(a.id, user.token))
        .filter((s) => s.speaker === 'Speaker 1')
        .map((s) => s.participant!.displayName),
    ).toEqual(['Aiko', 'Aiko']);
    expect(
      (await turns(b.id, user.token))
        .filter((s) => s.speaker === 'Speaker 1')
        .map((s) => s.participant!.displayName),
    ).toEqual(['Speaker 1', 'Speaker 1']);
  });

  it('maps a speaker onto an existing participant and undoes it exactly, highlights and views included', async () => {
    const { user, workspaceId, projectId } = await t.newProject();
    const first = await t.importText(
      projectId,
      user.token,
      'interview-1.txt',
      talk('Interviewer', 'Maria'),
    );
    const third = await t.importText(
      projectId,
      user.token,
      'interview-3.txt',
      interview('onboarding'),
    );
    const maria = first.participants.find((p) => p.label === 'Maria')!.id;
    const speaker1 = await speakerIn(third.id, 'Speaker 1', user.token);
    await t.ok(
      UPDATE,
      { i: { id: maria, attributes: [{ key: 'Role', value: 'PM' }] } },
      user.token,
    );
    await t.ok(
      UPDATE,
      {
        i: {
          id: speaker1,
          attributes: [
            { key: 'role', value: 'Engineer' },
            { key: 'Company', value: 'Acme' },
          ],
        },
      },
      user.token,
    );
    const tag = (
      await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId, name: 'Pain' } },
        user.token,
      )
    ).createTag.id;
    const before = await turns(third.id, user.token);
    const said = before.find((s) => s.speaker === 'Speaker 1')!;
    const asked = before.find((s) => s.speaker === 'Interviewer')!;
    const h = (
      await t.ok<{ createHighlight: { id: string } }>(
        HIGHLIGHT,
        {
          i: {
            transcriptId: third.id,
            start: { segmentId: asked.id, offset: 0 },
            end: { segmentId: said.id, offset: 7 },
            tagIds: [tag],
          },
        },
        user.token,
      )
    ).createHighlight.id;
    const attributedTo = async () =>
      (
        await t.ok<{
          highlights: { edges: { node: { id: string; participant: { id: string } } }[] };
        }>(HIGHLIGHTS, { f: { projectId } }, user.token)
      ).highlights.edges.find((e) => e.node.id === h)!.node.participant.id;
    expect(await attributedTo()).toBe(speaker1);
    const heatmap = async () =>
      (
        await t.ok<{ tagMatrix: { columns: { id: string; label: string }[] } }>(
          MATRIX,
          { f: { projectId } },
          user.token,
        )
      ).tagMatrix.columns;
    // An unnamed generic speaker says which interview it is from.
    expect(await heatmap()).toEqual([{ id: speaker1, label: 'Speaker 1 (interview-3)' }]);

    const mapped = await t.ok<{
      mapSpeaker: {
        id: string;
        turnCount: number;
        transcriptTitle: string;
        createdBy: { name: string };
        source: { id: string };
        target: { id: string; displayName: string };
      };
    }>(
      MAP,
      { i: { transcriptId: third.id, participantId: speaker1, targetParticipantId: maria } },
      user.token,
    );
    expect(mapped.mapSpeaker).toMatchObject({
      turnCount: 2,
      transcriptTitle: 'interview-3',
      createdBy: { name: 'Ada Researcher' },
      source: { id: speaker1 },
      target: { id: maria, displayName: 'Maria' },
    });

    // The reader, highlights, tag views and the heatmap now say Maria.
    const after = await turns(third.id, user.token);
    expect(after.filter((s) => s.speaker === 'Speaker 1').map((s) => s.participant!.id)).toEqual([
      maria,
      maria,
    ]);
    expect(
      after.filter((s) => s.speaker === 'Speaker 2').map((s) => s.participant!.id),
    ).not.toContain(maria);
    expect(await attributedTo()).toBe(maria);
    const byMaria = await t.ok<{ highlights: { totalCount: number } }>(
      HIGHLIGHTS,
      { f: { projectId, participantIds: [maria] } },
      user.token,
    );
    expect(byMaria.highlights.totalCount).toBe(1);
    expect(await heatmap()).toEqual([{ id: maria, label: 'Maria' }]);
    let list = await participants(projectId, user.token);
    expect(list.map((p) => p.id)).not.toContain(speaker1);
    expect(list.find((p) => p.id === maria)).toMatchObject({
      segmentCount: 4,
      // Maria keeps her own role; the company she lacked comes with the mapping.
      attributes: [
        { key: 'Role', value: 'PM' },
        { key: 'Company', value: 'Acme' },
      ],
    });
    const mappings = await t.ok<{ speakerMappings: { totalCount: number } }>(
      MAPPINGS,
      { f: { transcriptId: third.id } },
      user.token,
    );
    expect(mappings.speakerMappings.totalCount).toBe(1);

    // Mapping it again is a conflict, not a second mapping.
    const again = await t.gql(
      MAP,
      { i: { transcriptId: third.id, participantId: speaker1, targetParticipantId: maria } },
      user.token,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const undone = await t.ok<{
      undoSpeakerMapping: { undoneAt: string; undoneBy: { name: string } };
    }>(UNDO, { i: { id: mapped.mapSpeaker.id } }, user.token);
    expect(undone.undoSpeakerMapping.undoneAt).toEqual(expect.any(String));
    expect(await turns(third.id, user.token)).toEqual(before);
    expect(await attributedTo()).toBe(speaker1);
    list = await participants(projectId, user.token);
    expect(list.find((p) => p.id === speaker1)).toMatchObject({ segmentCount: 2 });
    expect(list.find((p) => p.id === maria)).toMatchObject({
      segmentCount: 2,
      attributes: [{ key: 'Role', value: 'PM' }],
    });
    expect(
      (
        await t.ok<{ speakerMappings: { totalCount: number } }>(
          MAPPINGS,
          { f: { projectId } },
          user.token,
        )
      ).speakerMappings.totalCount,
    ).toBe(0);
    const twice = await t.gql(UNDO, { i: { id: mapped.mapSpeaker.id } }, user.token);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const log = await t.ok<{ activity: { edges: { node: { verb: string; summary: string } }[] } }>(
      ACTIVITY,
      { w: workspaceId },
      user.token,
    );
    expect(
      log.activity.edges.map((e) => e.node).filter((n) => n.verb.startsWith('speaker.')),
    ).toEqual([
      {
        verb: 'speaker.mapping_undone',
        summary: 'Ada Researcher undid the mapping of “Speaker 1” in “interview-3” to “Maria”',
      },
      {
        verb: 'speaker.mapped',
        summary: 'Ada Researcher mapped “Speaker 1” in “interview-3” to “Maria”',
      },
    ]);
  });

  it('gives one of two people mapping the same speaker at once the mapping, and the other a CONFLICT', async () => {
    const { user, projectId, workspaceId } = await t.newProject();
    const other = await t.join(user, workspaceId, 'EDITOR', 'Ben Editor');
    const people = await t.importText(projectId, user.token, 'people.txt', talk('Maria', 'Jonas'));
    const maria = people.participants.find((p) => p.label === 'Maria')!.id;
    const jonas = people.participants.find((p) => p.label === 'Jonas')!.id;
    for (let round = 0; round < 3; round++) {
      const tr = await t.importText(
        projectId,
        user.token,
        `i-${round}.txt`,
        interview(`round ${round}`),
      );
      const speaker1 = await speakerIn(tr.id, 'Speaker 1', user.token);
      const results = await Promise.all([
        t.gql<{ mapSpeaker: { id: string } }>(
          MAP,
          { i: { transcriptId: tr.id, participantId: speaker1, targetParticipantId: maria } },
          user.token,
        ),
        t.gql<{ mapSpeaker: { id: string } }>(
          MAP,
          { i: { transcriptId: tr.id, participantId: speaker1, targetParticipantId: jonas } },
          other.token,
        ),
      ]);
      const won = results.filter((r) => r.data?.mapSpeaker);
      expect(won).toHaveLength(1);
      expect(results.map((r) => r.errors?.[0]?.extensions?.code).filter(Boolean)).toEqual([
        'CONFLICT',
      ]);
      const winner = results[0].data?.mapSpeaker ? maria : jonas;
      expect(
        new Set(
          (await turns(tr.id, user.token))
            .filter((s) => s.speaker === 'Speaker 1')
            .map((s) => s.participant!.id),
        ),
      ).toEqual(new Set([winner]));
      // Two people undoing it at once: one undo, one CONFLICT, and the speaker is back.
      const undos = await Promise.all([
        t.gql(UNDO, { i: { id: won[0]!.data!.mapSpeaker.id } }, user.token),
        t.gql(UNDO, { i: { id: won[0]!.data!.mapSpeaker.id } }, other.token),
      ]);
      expect(undos.map((r) => r.errors?.[0]?.extensions?.code ?? 'ok').sort()).toEqual([
        'CONFLICT',
        'ok',
      ]);
      expect(await speakerIn(tr.id, 'Speaker 1', user.token)).toBe(speaker1);
    }
  });

  it('refuses targets of other projects, viewers, and undoing under a later mapping', async () => {
    const { user, projectId, workspaceId } = await t.newProject();
    const tr = await t.importText(projectId, user.token, 'x.txt', interview('support'));
    const speaker1 = await speakerIn(tr.id, 'Speaker 1', user.token);
    const speaker2 = await speakerIn(tr.id, 'Speaker 2', user.token);
    const elsewhere = await t.newProject(user);
    const foreign = await t.importText(elsewhere.projectId, user.token, 'y.txt', talk('Maria'));
    const cross = await t.gql(
      MAP,
      {
        i: {
          transcriptId: tr.id,
          participantId: speaker1,
          targetParticipantId: foreign.participants[0]!.id,
        },
      },
      user.token,
    );
    expect(cross.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const viewer = await t.join(user, workspaceId, 'VIEWER', 'Vera Viewer');
    const refused = await t.gql(
      MAP,
      { i: { transcriptId: tr.id, participantId: speaker1, targetParticipantId: speaker2 } },
      viewer.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Diarisation split one person in two: Speaker 2 is Speaker 1; then Speaker 1 is Maria.
    const people = await t.importText(projectId, user.token, 'maria.txt', talk('Maria'));
    const maria = people.participants[0]!.id;
    const merge = await t.ok<{ mapSpeaker: { id: string } }>(
      MAP,
      { i: { transcriptId: tr.id, participantId: speaker2, targetParticipantId: speaker1 } },
      user.token,
    );
    const named = await t.ok<{ mapSpeaker: { id: string; turnCount: number } }>(
      MAP,
      { i: { transcriptId: tr.id, participantId: speaker1, targetParticipantId: maria } },
      user.token,
    );
    expect(named.mapSpeaker.turnCount).toBe(4);
    const early = await t.gql(UNDO, { i: { id: merge.mapSpeaker.id } }, user.token);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await t.ok(UNDO, { i: { id: named.mapSpeaker.id } }, user.token);
    await t.ok(UNDO, { i: { id: merge.mapSpeaker.id } }, user.token);
    expect(await speakerIn(tr.id, 'Speaker 2', user.token)).toBe(speaker2);
    expect(await speakerIn(tr.id, 'Speaker 1', user.token)).toBe(speaker1);
  });

  it('splits generic participants that earlier imports merged across transcripts, losing nothing', async () => {
    const { user, projectId } = await t.newProject();
    const db = t.app.get(DataSource);
    const a = await t.importText(projectId, user.token, 'a.txt', interview('travel'));
    const b = await t.importText(projectId, user.token, 'b.txt', interview('meals'));
    const c = await t.importText(projectId, user.token, 'c.txt', interview('rent'));
    const tag = (
      await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId, name: 'Cost' } },
        user.token,
      )
    ).createTag.id;
    for (const tr of [a, b, c]) {
      const said = tr.segments.find((s) => s.speaker === 'Speaker 1')!;
      await t.ok(
        HIGHLIGHT,
        {
          i: {
            transcriptId: tr.id,
            start: { segmentId: said.id, offset: 0 },
            end: { segmentId: said.id, offset: 5 },
            tagIds: [tag],
          },
        },
        user.token,
      );
    }
    // Back to how earlier versions stored it: one project-wide participant per label, the
    // Speaker 1 of all three interviews merged, and renamed by a researcher ("Aiko").
    await db.transaction(async (tx) => {
      for (const label of ['Speaker 1', 'Speaker 2']) {
        const ids = [a, b, c].map((tr) => tr.participants.find((p) => p.label === label)!.id);
        const [keep, ...merged] = ids;
        for (const table of ['segment', 'highlight'])
          await tx.query(
            `UPDATE ${table} SET participant_id = $1 WHERE participant_id = ANY($2::uuid[])`,
            [keep, merged],
          );
        await tx.query(`DELETE FROM participant WHERE id = ANY($1::uuid[])`, [merged]);
        await tx.query(
          `UPDATE participant SET transcript_id = NULL, display_name = $2 WHERE id = $1`,
          [keep, label === 'Speaker 1' ? 'Aiko' : label],
        );
      }
    });
    const legacy = await participants(projectId, user.token);
    expect(legacy.filter((p) => p.label.startsWith('Speaker'))).toHaveLength(2);

    const outcome = await splitGenericSpeakers((sql, params) => db.query(sql, params), [projectId]);
    expect(outcome).toEqual({ split: 2, mapped: 2 });

    // Speaker 2 (never renamed): one participant per interview, with its own turns and highlights.
    const speaker2 = (await participants(projectId, user.token)).filter(
      (p) => p.label === 'Speaker 2',
    );
    expect(speaker2.map((p) => [p.transcriptId, p.segmentCount])).toEqual([
      [a.id, 2],
      [b.id, 2],
      [c.id, 2],
    ]);
    // Speaker 1 was named by people: it stays Aiko everywhere, as recorded mappings that undo.
    for (const tr of [a, b, c])
      expect(
        (await turns(tr.id, user.token))
          .filter((s) => s.speaker === 'Speaker 1')
          .map((s) => s.participant!.displayName),
      ).toEqual(['Aiko', 'Aiko']);
    const mappings = await t.ok<{
      speakerMappings: {
        edges: { node: { id: string; transcriptTitle: string; turnCount: number } }[];
      };
    }>(MAPPINGS, { f: { projectId } }, user.token);
    expect(
      mappings.speakerMappings.edges.map((e) => [e.node.transcriptTitle, e.node.turnCount]).sort(),
    ).toEqual([
      ['b', 2],
      ['c', 2],
    ]);
    const forB = mappings.speakerMappings.edges.find((e) => e.node.transcriptTitle === 'b')!;
    await t.ok(UNDO, { i: { id: forB.node.id } }, user.token);
    expect(
      (await turns(b.id, user.token))
        .filter((s) => s.speaker === 'Speaker 1')
        .map((s) => s.participant!.displayName),
    ).toEqual(['Speaker 1', 'Speaker 1']);
    const highlights = await t.ok<{
      highlights: { edges: { node: { participant: { displayName: string } } }[] };
    }>(HIGHLIGHTS, { f: { projectId } }, user.token);
    expect(highlights.highlights.edges.map((e) => e.node.participant.displayName).sort()).toEqual([
      'Aiko',
      'Aiko',
      'Speaker 1',
    ]);
    // Running it again changes nothing.
    expect(await splitGenericSpeakers((sql, params) => db.query(sql, params), [projectId])).toEqual(
      {
        split: 0,
        mapped: 0,
      },
    );
  });
});
