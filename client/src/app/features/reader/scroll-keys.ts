const LINE_PX = 48;

/**
 * Where a keyboard key should scroll the reader, or null when the key is not ours.
 * PageUp/PageDown keep a little overlap so the reader does not lose their line.
 */
export function scrollKeyTarget(
  key: string,
  scrollTop: number,
  viewportHeight: number,
  contentHeight: number,
): number | null {
  const max = Math.max(0, contentHeight - viewportHeight);
  const page = Math.max(LINE_PX, Math.round(viewportHeight * 0.9));
  const clamp = (value: number) => Math.max(0, Math.min(max, value));
  switch (key) {
    case 'PageDown':
    case ' ':
      return clamp(scrollTop + page);
    case 'PageUp':
      return clamp(scrollTop - page);
    case 'ArrowDown':
      return clamp(scrollTop + LINE_PX);
    case 'ArrowUp':
      return clamp(scrollTop - LINE_PX);
    case 'Home':
      return 0;
    case 'End':
      return max;
    default:
      return null;
  }
}
