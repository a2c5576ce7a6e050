/** Text made safe inside HTML or XML: element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Addresses a link in a report may have: other sites over http(s), and e-mail. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;

/** Whether a link may be followed; control characters and spaces are ignored, as browsers do. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
}
