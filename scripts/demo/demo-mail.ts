// DEMO ONLY: the demo libraries send their patron notices by SMTP to a mail catcher started with
// the demo (simulators/mail). GET /demo/mail shows what it caught, newest first, so a visitor sees
// a notice arrive after placing a request; the demo log prints a line per mail too.
import type { FastifyInstance } from 'fastify';
import type { PatronNoticeSettings } from '../../mod-resource-sharing/src/notices/notice-types.ts';
import type { MailCatcher } from '../../simulators/mail/mail-catcher.ts';
import { demoApi, expectStatus } from './demo-api.ts';
import { DEMO_LIBRARIES } from './demo-libraries.ts';

export const DEMO_MAIL_PATH = '/demo/mail';

/**
 * For a library set up on this start: notices on, every kind, by SMTP to the catcher, signed with
 * the library's name, linking to the demo's patron page. On later starts the catcher listens on
 * another port: notices that go to the catcher are pointed at its new port, and whatever else
 * staff chose since (which notices, templates, another mail server, off) is kept.
 */
export async function usePatronNotices(baseUrl: string, mail: MailCatcher, freshTenants: readonly string[]): Promise<void> {
  for (const library of DEMO_LIBRARIES) {
    const api = demoApi(baseUrl, library.tenant);
    if (!freshTenants.includes(library.tenant)) {
      const current = await api.get<{ patronNotices: PatronNoticeSettings }>('/resource-sharing/settings');
      expectStatus(current, [200], `${library.tenant} settings`);
      const notices = current.body.patronNotices;
      if (notices.delivery !== 'smtp' || notices.smtp?.host !== mail.host) continue;
      expectStatus(
        await api.put('/resource-sharing/settings', { patronNotices: { ...notices, smtp: { ...notices.smtp, port: mail.port } } }),
        [200, 204],
        `${library.tenant} patron notice settings`,
      );
      continue;
    }
    const patronNotices: Partial<PatronNoticeSettings> = {
      enabled: true,
      delivery: 'smtp',
      smtp: { host: mail.host, port: mail.port, secure: false },
      from: `ill@${library.tenant}.example.org`,
      libraryName: library.name,
      // where a stored copy's notice sends the patron (the demo's patron page)
      patronPageUrl: `${baseUrl}/patron/${library.tenant}`,
    };
    expectStatus(
      await api.put('/resource-sharing/settings', { patronNotices }),
      [200, 204],
      `${library.tenant} patron notice settings`,
    );
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function registerDemoMailPage(app: FastifyInstance, mail: MailCatcher): void {
  app.get(`${DEMO_MAIL_PATH}.json`, { config: { tenant: 'none' } }, async () => ({ messages: [...mail.messages].reverse(), totalRecords: mail.messages.length }));
  app.get(DEMO_MAIL_PATH, { config: { tenant: 'none' } }, async (_req, reply) => {
    const items = [...mail.messages]
      .reverse()
      .map(
        (m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">${escape(new Date(m.date).toLocaleString('en-GB', { timeZone: 'UTC' }))} UTC · from ${escape(m.from)} · to ${escape(m.to.join(', '))}</p><pre>${escape(m.text)}</pre></article>`,
      )
      .join('\n');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo mail: patron notices</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}h2{font-size:1.1rem;margin:.3rem 0}.meta{color:#555;font-size:.9rem;margin:0}pre{white-space:pre-wrap;font:inherit}</style></head>
<body><main><h1>Patron notices caught by the demo's mail server</h1>
<p>The demo libraries mail their patrons through a local SMTP server that keeps every message here instead of sending it on (smtp://${escape(mail.host)}:${mail.port}). Reload the page to see new mail.</p>
${items || '<p>No mail yet. Place a request on a patron page and watch it arrive.</p>'}
</main></body></html>`);
  });
}
