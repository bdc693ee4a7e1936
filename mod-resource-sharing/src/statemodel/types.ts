// The shape of a state model. A model is plain JSON-serialisable data (it is loaded as tenant
// reference data later), so everything here is an interface of strings, booleans, arrays and records.

import type { IsoReasonForMessage, IsoRequestingAction, IsoStatus } from './iso-codes.ts';

export type Actor = 'staff' | 'protocol' | 'system';
export type Role = 'borrowing' | 'lending';
export type ModelServiceType = 'loan' | 'copy';

/** Where a request is in its life: not yet with a supplier / with a supplier / item or copy on its way or out / finished. */
export type Stage = 'preparing' | 'active' | 'shipped' | 'completed';

export interface StateDef {
  code: string;
  displayName: string;
  description: string;
  stage: Stage;
  terminal: boolean;
  /** requests in this state show up in the staff "needs attention" queue */
  needsAttention: boolean;
  /**
   * The ISO 18626 status this state corresponds to, where one does.
   * Lending: the status we report to the borrower while in this state.
   * Borrowing: the supplier's status while we are in this state (the status whose arrival leads here).
   */
  isoStatus?: IsoStatus;
}

export type ParameterType = 'string' | 'date' | 'datetime' | 'number' | 'boolean' | 'enum';

export interface ParameterDef {
  name: string;
  type: ParameterType;
  displayName: string;
  required: boolean;
  /** for type enum: the allowed values */
  values?: string[];
  /** required only when the action ends with one of these outcomes */
  requiredFor?: string[];
  description?: string;
}

/** An ISO 18626 message an action emits. The engine only returns it as an effect; the outbox sends it. */
export interface SendSpec {
  kind: 'request' | 'requestingAgencyMessage' | 'supplyingAgencyMessage';
  /** requestingAgencyMessage: the action */
  action?: IsoRequestingAction;
  /**
   * supplyingAgencyMessage: the reason. Omitted means the ISO rule: RequestResponse for our first
   * message on the request, StatusChange afterwards (the sender knows which it is).
   */
  reasonForMessage?: IsoReasonForMessage;
  /** supplyingAgencyMessage: the status. Omitted means the isoStatus of the state the action leads to. */
  status?: IsoStatus;
  answerYesNo?: 'Y' | 'N';
  /** request: New (default) or Retry */
  requestType?: 'New' | 'Retry';
  /**
   * What the message means beyond its ISO fields, for partner conventions (e.g. `conditionsAgreed`:
   * a Notification agreeing to loan conditions). The codec renders it per partner; it is never
   * hidden inside a note string in this data.
   */
  intent?: string;
  /** message field (dotted ISO element path) -> name of the action parameter whose value fills it */
  fields?: Record<string, string>;
  /** message field -> fixed value */
  values?: Record<string, string>;
}

/** The incoming ISO 18626 message that triggers a protocol action. Unset criteria match anything. */
export interface ReceiveSpec {
  kind: 'request' | 'requestingAgencyMessage' | 'supplyingAgencyMessage';
  /** requestingAgencyMessage actions that match */
  actions?: IsoRequestingAction[];
  reasonsForMessage?: IsoReasonForMessage[];
  statuses?: IsoStatus[];
  /** supplyingAgencyMessage: whether deliveryInfo.loanCondition must be present (true) or absent (false) */
  hasLoanCondition?: boolean;
  /** the convention-level meaning the codec recognised (see SendSpec.intent) */
  intent?: string;
}

export interface OutcomeDef {
  /** the state the request moves to */
  to: string;
  description?: string;
  /** overrides the action's `sends` for this outcome; null means this outcome sends nothing */
  sends?: SendSpec | null;
  /**
   * Go back to the state the request was in before (the caller passes it as context.previousState)
   * when it is one of these; otherwise `to`.
   */
  returnTo?: string[];
}

export type AttentionReason = 'unreadMessage' | 'deliveryFailed' | 'deliveryDelayed';

export interface ActionDef {
  code: string;
  displayName: string;
  description: string;
  who: Actor[];
  fromStates: string[];
  parameters: ParameterDef[];
  /** outcome name -> result. Empty for stateless actions. */
  outcomes: Record<string, OutcomeDef>;
  /** the outcome is the value of this (enum) parameter */
  outcomeParameter?: string;
  /** true: the action changes no state (messages, status requests); `outcomes` is empty */
  stateless?: boolean;
  /** message emitted by every outcome unless the outcome overrides it */
  sends?: SendSpec;
  /** protocol actions: the incoming message that triggers this action */
  receives?: ReceiveSpec;
  raisesAttention?: AttentionReason;
  clearsAttention?: AttentionReason;
  /** the action supersedes this request with a new one (re-request) */
  createsSuccessorRequest?: boolean;
}

export interface StateModel {
  id: string;
  version: string;
  displayName: string;
  description: string;
  role: Role;
  serviceType: ModelServiceType;
  initialState: string;
  states: StateDef[];
  actions: ActionDef[];
}

export interface OutgoingMessage {
  kind: SendSpec['kind'];
  action?: IsoRequestingAction;
  reasonForMessage?: IsoReasonForMessage;
  status?: IsoStatus;
  answerYesNo?: 'Y' | 'N';
  requestType?: 'New' | 'Retry';
  intent?: string;
  /** message field -> value, from the action's parameters and fixed values */
  fields: Record<string, unknown>;
}

export type Effect =
  | { type: 'sendMessage'; message: OutgoingMessage }
  | { type: 'raiseAttention'; reason: AttentionReason }
  | { type: 'clearAttention'; reason: AttentionReason }
  | { type: 'createSuccessorRequest' };

export interface ApplyContext {
  /** the state before the current one, for outcomes with returnTo */
  previousState?: string;
}

export type ApplyErrorCode =
  | 'unknownState'
  | 'unknownAction'
  | 'notAllowedForActor'
  | 'notAllowedInState'
  | 'invalidParameters'
  | 'unknownOutcome';

export interface ParameterError {
  parameter: string;
  message: string;
}

export interface ApplySuccess {
  ok: true;
  from: string;
  to: string;
  action: ActionDef;
  outcome: string;
  effects: Effect[];
}

export interface ApplyFailure {
  ok: false;
  code: ApplyErrorCode;
  message: string;
  allowedInStates?: string[];
  parameterErrors?: ParameterError[];
}

export type ApplyResult = ApplySuccess | ApplyFailure;

/** An incoming message, as classified by the ISO 18626 codec, for finding the protocol action. */
export interface IncomingMessage {
  kind: ReceiveSpec['kind'];
  action?: IsoRequestingAction;
  reasonForMessage?: IsoReasonForMessage;
  status?: IsoStatus;
  hasLoanCondition?: boolean;
  intent?: string;
}
