// The texts a library starts with, per locale and kind. Libraries edit them in the settings;
// `{field}` names one of NOTICE_FIELDS.
import type { NoticeKind, NoticeLocale, NoticeTemplate } from './notice-types.ts';

export const DEFAULT_TEMPLATES: Record<NoticeLocale, Record<NoticeKind, NoticeTemplate>> = {
  en: {
    received: {
      subject: 'We have your request for "{title}"',
      body: 'Dear {patronName},\n\nwe have received your interlibrary loan request {requestId} for "{title}". We will look for a library that can lend it to us and tell you how it goes.\n\n{library}',
    },
    sentToLender: {
      subject: '"{title}" has been requested from another library',
      body: 'Dear {patronName},\n\nwe have asked another library for "{title}" (request {requestId}). We will tell you when it is on its way.\n\n{library}',
    },
    unfilled: {
      subject: 'We could not get "{title}" for you',
      body: 'Dear {patronName},\n\nno library we asked can lend "{title}" (request {requestId}) at the moment. Our staff will look at your request and contact you about what can be done next: buying it, another edition, or trying again later.\n\n{library}',
    },
    readyForPickup: {
      subject: '"{title}" is ready for you',
      body: 'Dear {patronName},\n\n"{title}" (request {requestId}) has arrived and is waiting for you at {pickupLocation} until {pickupUntil}. Please bring your library card. The loan is due back on {dueDate}.\n\n{library}',
    },
    overdue: {
      subject: '"{title}" is overdue',
      body: 'Dear {patronName},\n\n"{title}" (request {requestId}) was due back on {dueDate}. It belongs to another library: please return it as soon as you can.\n\n{library}',
    },
    recalled: {
      subject: '"{title}" has been recalled: please return it by {dueDate}',
      body: 'Dear {patronName},\n\nthe library that lent us "{title}" (request {requestId}) needs it back. Please return it by {dueDate}.\n\n{library}',
    },
    cancelled: {
      subject: 'Your request for "{title}" was cancelled',
      body: 'Dear {patronName},\n\nyour request {requestId} for "{title}" was cancelled. Reason: {reason}\n\nPlease contact us if you still need it.\n\n{library}',
    },
    copyReady: {
      subject: 'Your copy of "{title}" is ready',
      body: 'Dear {patronName},\n\nthe copy you asked for (request {requestId}, "{title}") is ready. Open it here until {linkExpires}:\n{link}\n\n{library}',
    },
  },
  de: {
    received: {
      subject: 'Wir haben Ihre Bestellung „{title}“ erhalten',
      body: 'Guten Tag {patronName},\n\nwir haben Ihre Fernleihbestellung {requestId} für „{title}“ erhalten. Wir suchen eine Bibliothek, die sie uns leihen kann, und halten Sie auf dem Laufenden.\n\n{library}',
    },
    sentToLender: {
      subject: '„{title}“ wurde bei einer anderen Bibliothek bestellt',
      body: 'Guten Tag {patronName},\n\nwir haben „{title}“ (Bestellung {requestId}) bei einer anderen Bibliothek angefragt. Wir melden uns, sobald es unterwegs ist.\n\n{library}',
    },
    unfilled: {
      subject: 'Wir konnten „{title}“ nicht beschaffen',
      body: 'Guten Tag {patronName},\n\nkeine der angefragten Bibliotheken kann „{title}“ (Bestellung {requestId}) zurzeit verleihen. Unser Team prüft Ihre Bestellung und meldet sich mit den nächsten Möglichkeiten: Kauf, eine andere Ausgabe oder ein späterer neuer Versuch.\n\n{library}',
    },
    readyForPickup: {
      subject: '„{title}“ liegt für Sie bereit',
      body: 'Guten Tag {patronName},\n\n„{title}“ (Bestellung {requestId}) ist eingetroffen und liegt bis {pickupUntil} für Sie bereit: {pickupLocation}. Bitte bringen Sie Ihren Bibliotheksausweis mit. Die Leihfrist endet am {dueDate}.\n\n{library}',
    },
    overdue: {
      subject: '„{title}“ ist überfällig',
      body: 'Guten Tag {patronName},\n\ndie Leihfrist für „{title}“ (Bestellung {requestId}) endete am {dueDate}. Das Buch gehört einer anderen Bibliothek: Bitte geben Sie es so bald wie möglich zurück.\n\n{library}',
    },
    recalled: {
      subject: '„{title}“ wird zurückgefordert: bitte bis {dueDate} zurückgeben',
      body: 'Guten Tag {patronName},\n\ndie Bibliothek, die uns „{title}“ (Bestellung {requestId}) geliehen hat, braucht es zurück. Bitte geben Sie es bis {dueDate} zurück.\n\n{library}',
    },
    cancelled: {
      subject: 'Ihre Bestellung „{title}“ wurde storniert',
      body: 'Guten Tag {patronName},\n\nIhre Bestellung {requestId} für „{title}“ wurde storniert. Grund: {reason}\n\nBitte melden Sie sich, wenn Sie den Titel weiterhin benötigen.\n\n{library}',
    },
    copyReady: {
      subject: 'Ihre Kopie von „{title}“ ist da',
      body: 'Guten Tag {patronName},\n\ndie bestellte Kopie (Bestellung {requestId}, „{title}“) ist da. Sie können sie bis {linkExpires} hier öffnen:\n{link}\n\n{library}',
    },
  },
};
