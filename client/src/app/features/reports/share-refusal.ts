import type { AppError } from '../../core/errors/app-error';

/** What the public page of a share link says when the link opens nothing. */
export interface RefusalPage {
  title: string;
  text: string;
}

const PAGES = {
  EXPIRED: {
    title: 'This link has expired',
    text: 'The report it showed is no longer shared through it. Ask the person who sent it for a new link.',
  },
  REVOKED: {
    title: 'This link was turned off',
    text: 'The people who shared this report stopped sharing it through this link.',
  },
  UNKNOWN: {
    title: 'This link does not exist',
    text: 'Check that the whole link was copied, or ask the person who sent it for a new one.',
  },
} as const satisfies Record<string, RefusalPage>;

/**
 * The page for an error of `sharedReport(token)`: the api answers NOT_FOUND with
 * `extensions.reason` EXPIRED, REVOKED or UNKNOWN; null for any other error (a lost connection,
 * a server error), which the page shows as such with a way to try again.
 */
export function refusalPage(error: AppError): RefusalPage | null {
  if (error.code !== 'NOT_FOUND') return null;
  const reason = error.details?.['reason'];
  if (reason === 'EXPIRED' || reason === 'REVOKED') return PAGES[reason];
  return PAGES.UNKNOWN;
}

/**
 * Rendered Markdown without its links into the app (`/p/…`, `#…`): the public page leads nowhere
 * inside Verbatim. Links to other sites and e-mail addresses stay; a removed link keeps its words.
 * The HTML is parsed in an inert <template>, so nothing in it runs or loads.
 */
export function withoutAppLinks(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const link of Array.from(template.content.querySelectorAll('a'))) {
    if (!/^(?:https?:\/\/|mailto:)/i.test(link.getAttribute('href') ?? ''))
      link.replaceWith(...Array.from(link.childNodes));
  }
  return template.innerHTML;
}
