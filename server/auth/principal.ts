/**
 * Who is behind an operator connection or console request.
 * @module
 */

/** What an operator account may do: an `operator` works the queue; a `supervisor` also sees every conversation, the audit log and the team's settings. */
export type OperatorRole = 'operator' | 'supervisor';

/** An authenticated operator (the account behind a console connection or request). */
export interface OperatorPrincipal {
  /** The account id; the operator id in conversations (`Participant.id`). */
  id: string;
  /** The display name customers see. */
  name: string;
  role: OperatorRole;
  /** The photo customers see (http(s) URL), initials otherwise. */
  avatarUrl?: string;
}
