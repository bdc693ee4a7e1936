// Meanings ISO 18626 has no element for, written the way peers in the field recognise them.
// Agreeing to a supplier's loan conditions is a Notification whose note starts with ReShare's
// marker; it is the one convention kept in a note, and only here.

const CONDITIONS_AGREED = '#ReShareLoanConditionAgreeResponse#';

export function noteWithIntent(intent: string | undefined, note: string | undefined): string | undefined {
  if (intent === 'conditionsAgreed') return `${CONDITIONS_AGREED}${note ? ` ${note}` : ''}`;
  return note;
}

/** The intent a received note carries, and the note without its marker. */
export function intentOfNote(note: string | undefined): { intent?: string; note?: string } {
  if (note?.startsWith(CONDITIONS_AGREED)) {
    const rest = note.slice(CONDITIONS_AGREED.length).trim();
    return { intent: 'conditionsAgreed', ...(rest ? { note: rest } : {}) };
  }
  return note === undefined ? {} : { note };
}
