// Building blocks shared by the four models: parameter shorthands and the actions every model has
// (messages with the partner, delivery failures, manual close). Everything returned is plain data.

import type { ActionDef, ParameterDef, ReceiveSpec, Role, SendSpec, StateDef } from '../types.ts';

export function codes(states: StateDef[]): string[] {
  return states.map((s) => s.code);
}

export function nonTerminalCodes(states: StateDef[]): string[] {
  return states.filter((s) => !s.terminal).map((s) => s.code);
}

function param(
  name: string,
  type: ParameterDef['type'],
  displayName: string,
  required: boolean,
  extra: Partial<Pick<ParameterDef, 'values' | 'requiredFor' | 'description'>> = {},
): ParameterDef {
  const p: ParameterDef = { name, type, displayName, required };
  if (extra.values) p.values = [...extra.values];
  if (extra.requiredFor) p.requiredFor = [...extra.requiredFor];
  if (extra.description) p.description = extra.description;
  return p;
}

export const parameter = {
  text: (name: string, displayName: string, required = false, description?: string): ParameterDef =>
    param(name, 'string', displayName, required, description ? { description } : {}),
  date: (name: string, displayName: string, required = false, description?: string): ParameterDef =>
    param(name, 'date', displayName, required, description ? { description } : {}),
  datetime: (name: string, displayName: string, required = false, description?: string): ParameterDef =>
    param(name, 'datetime', displayName, required, description ? { description } : {}),
  number: (name: string, displayName: string, required = false, description?: string): ParameterDef =>
    param(name, 'number', displayName, required, description ? { description } : {}),
  enumOf: (name: string, displayName: string, values: readonly string[], required = false, description?: string): ParameterDef =>
    param(name, 'enum', displayName, required, { values: [...values], ...(description ? { description } : {}) }),
  /** required only for the given outcomes */
  requiredFor: (p: ParameterDef, outcomes: string[]): ParameterDef => ({ ...p, required: false, requiredFor: [...outcomes] }),
};

export const note = (description = 'Free text for the partner'): ParameterDef =>
  parameter.text('note', 'Note', false, description);

export const answer = (): ParameterDef =>
  parameter.enumOf('answer', 'Answer', ['yes', 'no'], true);

/** ISO answerYesNo as it arrives in a supplyingAgencyMessage */
export const answerYesNo = (): ParameterDef =>
  parameter.enumOf('answerYesNo', 'Answer (Y/N)', ['Y', 'N'], true);

/**
 * Actions every model has:
 * - sendMessage / markMessagesRead (staff, stateless, every state: staff may still write to the
 *   partner, or read its answer, after the request is complete, cancelled or closed)
 * - messageReceived (protocol Notification, stateless, every state: a partner may write after we closed)
 * - deliveryFailed / retryDelivery (outbox, stateless, every state: the message that ended a request can fail too)
 * - closeManually (staff, every non-terminal state)
 */
export function commonActions(role: Role, states: StateDef[], closedState: string): ActionDef[] {
  const open = nonTerminalCodes(states);
  const all = codes(states);
  const toPartner: SendSpec =
    role === 'borrowing'
      ? { kind: 'requestingAgencyMessage', action: 'Notification', fields: { note: 'note' } }
      : { kind: 'supplyingAgencyMessage', reasonForMessage: 'Notification', fields: { 'messageInfo.note': 'note' } };
  const fromPartner: ReceiveSpec =
    role === 'borrowing'
      ? { kind: 'supplyingAgencyMessage', reasonsForMessage: ['Notification'] }
      : { kind: 'requestingAgencyMessage', actions: ['Notification'] };
  return [
    {
      code: 'sendMessage',
      displayName: 'Send message to partner',
      description: 'Sends a free-text message to the partner library (ISO 18626 Notification). The state does not change.',
      who: ['staff'],
      fromStates: all,
      parameters: [parameter.text('note', 'Message', true)],
      outcomes: {},
      stateless: true,
      sends: toPartner,
    },
    {
      code: 'markMessagesRead',
      displayName: 'Mark messages read',
      description: 'Marks the messages from the partner as read, which takes the request off the unread-messages list.',
      who: ['staff'],
      fromStates: all,
      parameters: [],
      outcomes: {},
      stateless: true,
      clearsAttention: 'unreadMessage',
    },
    {
      code: 'messageReceived',
      displayName: 'Message from partner',
      description: 'The partner sent a free-text Notification. It is kept with the request and flagged as unread.',
      who: ['protocol'],
      fromStates: all,
      parameters: [note('The message text')],
      outcomes: {},
      stateless: true,
      receives: fromPartner,
      raisesAttention: 'unreadMessage',
    },
    {
      code: 'deliveryFailed',
      displayName: 'Message could not be delivered',
      description:
        'The outbox gave up delivering a message to the partner (retries exhausted or a protocol error). The request keeps its state and is flagged for attention.',
      who: ['system'],
      fromStates: all,
      parameters: [parameter.text('error', 'Error', false, 'What the partner or the network answered')],
      outcomes: {},
      stateless: true,
      raisesAttention: 'deliveryFailed',
    },
    {
      code: 'deliveryDelayed',
      displayName: 'Message delayed',
      description:
        'A message to the partner has not been delivered for longer than the library allows before telling staff (the partner is unreachable or failing); the outbox keeps trying until its retry window ends. The request keeps its state and is flagged.',
      who: ['system'],
      fromStates: all,
      parameters: [parameter.text('error', 'Error', false, 'The last error and the time of the next try')],
      outcomes: {},
      stateless: true,
      raisesAttention: 'deliveryDelayed',
    },
    {
      code: 'deliveryResumed',
      displayName: 'Message delivered after a delay',
      description: 'The delayed message reached the partner after all; the flag is cleared.',
      who: ['system'],
      fromStates: all,
      parameters: [],
      outcomes: {},
      stateless: true,
      clearsAttention: 'deliveryDelayed',
    },
    {
      code: 'messageRefused',
      displayName: 'Message from partner refused',
      description:
        'The partner sent a message about this request that we refused (answered with an ERROR confirmation, nothing applied). It is kept in the conversation with the error, unread, so staff can sort it out with the partner.',
      who: ['system'],
      fromStates: all,
      parameters: [parameter.text('error', 'Error', false, 'The error we answered')],
      outcomes: {},
      stateless: true,
      raisesAttention: 'unreadMessage',
    },
    {
      code: 'retryDelivery',
      displayName: 'Retry failed message',
      description: 'Staff ask the outbox to try the failed message again; clears the delivery-failed flag.',
      who: ['staff'],
      fromStates: all,
      parameters: [],
      outcomes: {},
      stateless: true,
      clearsAttention: 'deliveryFailed',
    },
    {
      code: 'closeManually',
      displayName: 'Close manually',
      description:
        'Ends the request here without telling the partner (send a message first if they need to know). Use when the request cannot be finished through the normal steps.',
      who: ['staff'],
      fromStates: open,
      parameters: [parameter.text('reason', 'Reason', true, 'Why the request was closed; kept in the history')],
      outcomes: { ok: { to: closedState } },
    },
  ];
}
