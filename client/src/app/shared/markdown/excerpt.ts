/**
 * The first words of a Markdown body as plain text, for a list row: the Markdown's marks go
 * (headings, emphasis, links keep their words, images their alt text, code its text, HTML its
 * tags), whitespace is folded, and the text is cut at a word boundary near `max` characters with
 * an ellipsis. Only ever shown as text, so nothing in it needs escaping.
 */
export function excerpt(markdown: string, max = 220): string {
  const text = markdown
    .replace(/```[^\n]*\n?/g, ' ') // code fences (their content stays)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links → their words
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<[^>]*>/g, ' ') // HTML tags
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)/gm, '') // block marks
    .replace(/^\s{0,3}(?:[-*_]\s*){3,}$/gm, ' ') // rules
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(\S(?:[^*_\n]*\S)?)\2(?=[^\w*]|$)/g, '$1$3')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const end = space > max * 0.6 ? space : max;
  return `${cut.slice(0, end).replace(/[\s.,;:!?–—-]+$/, '')}…`;
}
