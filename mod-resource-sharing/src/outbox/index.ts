// The outbox: reliable, ordered delivery of outbound messages written in the same transaction as
// the state change that caused them. See docs/outbox.md.
export type {
  AfterCommit,
  DeliveryFailure,
  DeliveryRetry,
  NewOutboxMessage,
  OnDelivered,
  OnFailed,
  OnRetrying,
  RetryPolicy,
  OutboxHooks,
  OutboxKind,
  OutboxMessage,
  OutboxStatus,
  Sender,
  SendResponse,
} from './outbox-types.ts';
export {
  enqueue,
  getOutboxMessage,
  listOutboxMessages,
  pruneDelivered,
  requeueFailed,
  undeliveredMessages,
  unreachablePartners,
  withdrawPending,
} from './outbox-store.ts';
export { deliverPending, drainOutbox, duration, type DeliverOptions, type DeliveryCounts, type OutboxLogger } from './deliver.ts';
export { kickOutbox } from './kick.ts';
export { configureOutbox, outboxSettings, setOutboxHooks, registerKindSender, registerDrainTask, DEFAULT_OUTBOX_SETTINGS, type OutboxSettings } from './outbox-config.ts';
export { classifyResponse, retryDelayMs, type Outcome } from './classify-response.ts';
export { httpSend } from './http-sender.ts';
export { registerOutboxRoutes } from './outbox-routes.ts';
