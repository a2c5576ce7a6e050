/*
 * The rule for generic speaker labels when this copy was made from
 * modules/participants/generic-speaker-label.ts, for the SpeakerScopes migration. Migrations
 * import no application code: a later change of the rule must not change what a migration does,
 * and moving the code must not break one. Never edit this copy.
 */

/**
 * Whether a speaker label names nobody in particular ("Speaker 1", SPEAKER_00, "Unknown Speaker",
 * "Sprecher 2", "P", "Student A"), as opposed to a person ("Maria", "Dr. Melissa Ko"). Generic labels are numbered or worded afresh by every recording, diariser and
 * transcription service, so "Speaker 1" of one interview says nothing about "Speaker 1" of the
 * next: such speakers are kept per transcript, while names are matched across the project.
 *
 * A label is generic when, once spelling is normalised (case, accents, `_`/`-`/`.` separators,
 * brackets, gender forms such as "Teilnehmer*in"), it is
 * - empty of letters ("1", "?"), or a single letter with an optional number ("A", "P1", "Q");
 * - only role words and qualifiers from GENERIC_WORDS, with optional indexes (numbers, or single
 *   letters): "Speaker 01", "spk_0", "Unknown speaker 2", "Participant #3", "Hablante 1",
 *   "Student A", "話者1", "Male speaker";
 * - one word and a number ("Committee 1", "Com 7", "admin-1"): names do not end in numbers.
 * Everything else, including a role word with a name ("Interviewer Maria"), is a name. So is the
 * interviewer's role on its own ("Interviewer", "Moderator", "I", "Q", "Entrevistador"): the
 * same researchers usually run a study's interviews, and the interviewer is not who highlights
 * are attributed to; a numbered one ("Interviewer 2") is generic.
 */
export function isGenericSpeakerLabel(label: string): boolean {
  const tokens = tokenize(label);
  if (!tokens.some((t) => /\p{L}/u.test(t))) return true;
  if (tokens.length === 1 && INTERVIEWER.has(tokens[0]!)) return false;
  const words = tokens.filter((t) => !isIndex(t));
  const indexes = tokens.length - words.length;
  if (tokens.length === 1 && /^\p{L}\d*$/u.test(tokens[0]!)) return true;
  if (words.length > 0 && words.every((w) => GENERIC.has(w))) return true;
  return tokens.length === 2 && words.length === 1 && indexes === 1 && /^\d+$/.test(tokens[1]!);
}

/** Role words and qualifiers, by language; matched after normalisation (see tokenize). */
const GENERIC_WORDS = {
  en: `speaker speakers spk spkr sp unknown unidentified unnamed anonymous anon other another
       additional new guest guests participant participants interviewee interviewer interviewers
       respondent moderator facilitator host cohost co researcher narrator audience member
       members caller customer client agent user person voice voices man woman male female
       student students instructor teacher committee panelist panellist attendee observer
       notetaker note taker transcriber translator interpreter subject multiple several
       crosstalk all everyone group inaudible no nr num number`,
  de: `sprecher sprecherin sprechende teilnehmer teilnehmerin teilnehmende interviewerin
       interviewte interviewter befragte befragter moderatorin unbekannt unbekannte unbekannter
       gast gaeste frau mann studentin publikum weitere weiterer`,
  fr: `intervenant intervenante intervenants participante locuteur locutrice orateur oratrice
       inconnu inconnue invite invitee enqueteur enquetrice enquete enquetee interviewe
       intervieweur intervieweuse animateur animatrice personne homme femme repondant repondante
       public autre`,
  es: `hablante hablantes participante entrevistado entrevistada entrevistador entrevistadora
       desconocido desconocida invitado invitada orador oradora interlocutor interlocutora
       moderador moderadora persona hombre mujer encuestado encuestada otro otra`,
  pt: `falante locutor locutora desconhecido desconhecida convidado convidada entrevistadora`,
  it: `parlante oratore partecipante intervistato intervistata intervistatore intervistatrice
       sconosciuto sconosciuta ospite relatore relatrice`,
  nl: `spreker deelnemer geinterviewde onbekend onbekende`,
  ca: `parlant entrevistat entrevistada desconegut desconeguda convidat convidada`,
  other: `話者 発言者 発話者 参加者 说话人 說話人 发言人 發言人 讲者 講者 受访者 受訪者 主持人
          화자 참가자 발화자 спикер говорящий участник собеседник ведущий`,
};

/** The interviewer's role on its own. */
const INTERVIEWER_WORDS = `interviewer moderator facilitator researcher host i q interviewerin
  moderatorin enqueteur enquetrice intervieweur intervieweuse animateur animatrice entrevistador
  entrevistadora moderador moderadora intervistatore intervistatrice 主持人 ведущий`;

const INTERVIEWER = new Set(INTERVIEWER_WORDS.split(/\s+/).filter(Boolean).map(normalize));

const GENERIC = new Set(
  Object.values(GENERIC_WORDS)
    .flatMap((list) => list.split(/\s+/))
    .filter(Boolean)
    .map(normalize),
);

function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Lowercased words and indexes; "spk0" and "話者1" split into a word and its number. */
function tokenize(label: string): string[] {
  return normalize(label)
    .replace(/(\p{L})[*:/·](?:in|innen)\b/gu, '$1') // Teilnehmer*in, Sprecher:innen
    .split(/[\s_\-.,:;#/\\()[\]{}<>"'`*+|~]+/u)
    .filter(Boolean)
    .flatMap((token) => {
      const numbered = /^(\p{L}+?)(\d+)$/u.exec(token);
      if (numbered && numbered[1]!.length > 1) return [numbered[1]!, numbered[2]!];
      const lettered = /^(\p{L}*[^\p{Script=Latin}\p{N}\s])([a-z])$/u.exec(token);
      if (lettered) return [lettered[1]!, lettered[2]!];
      return [token];
    });
}

/** A number, or a single letter used as one ("Speaker A"). */
function isIndex(token: string): boolean {
  return /^\d+$/.test(token) || /^\p{L}$/u.test(token);
}
