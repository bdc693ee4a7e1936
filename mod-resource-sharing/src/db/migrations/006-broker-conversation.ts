import type { Migration } from './index.ts';

// Broker mode: a message a broker forwards is attributed to the library it is about (the real
// supplier or borrower, `party`) and names the broker that forwarded it (`via`).
export const m006BrokerConversation: Migration = {
  id: '006-broker-conversation',
  since: [0, 2, 0],
  statements: (s) => [`ALTER TABLE ${s}.request_messages ADD COLUMN party text, ADD COLUMN via text`],
};
