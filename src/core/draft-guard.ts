/**
 * What of a draft may be written to storage: a card number typed but not sent yet (13–19 digits,
 * spaces or dashes between them, Luhn-valid) is kept in memory as typed but saved as `•••• 1234`,
 * so it never rests in the browser's storage. The full detector (`src/protocol/sensitive.ts`)
 * guards what is sent; this small check is all the first stage carries.
 * @module
 */
const CARD_LIKE = /(?<!\d)\d(?:[ -]?\d){12,18}(?![ -]?\d)/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** `draft` with every Luhn-valid card-like number masked to its last four digits. */
export function storableDraft(draft: string): string {
  return draft.replace(CARD_LIKE, (run) => {
    const digits = run.replace(/\D/g, '');
    return luhn(digits) ? `•••• ${digits.slice(-4)}` : run;
  });
}
