/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
 * let one slip past a check on the first character): OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell value that no spreadsheet runs as a formula: one starting with = + - @, a tab or a
 * carriage return gets a leading single quote (OWASP's advice; Excel and LibreOffice show the
 * rest as text). Everything else is returned unchanged.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
