/**
 * A cheap first look before the sensitive-data detector: false means the detector would find
 * nothing (every card, CVC and code has three digits in a row; every password follows its
 * keyword), so the composer sends without loading the detector. True means "look closer".
 * @module
 */
const HINT = /\d{3}|pass|pwd|парол/i;

/** Whether `text` may hold something {@link findSensitive} finds. */
export function mayBeSensitive(text: string): boolean {
  return HINT.test(text);
}
