import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/http/context.js';
import { renderPage } from '../../platform/portal/routes.js';
import { FORM_CSS, HTML } from '../../platform/portal/forms.js';

/** Pages of the 互动交流 portal (consult and participation): the kernel's form kit plus their own styles. */
export const INTERACT = { href: '/interact/', label: '互动交流' };

const INTERACT_CSS = `
.suggestions { border: 1px solid var(--line); background: var(--panel); padding: .6rem 1rem; margin: .6rem 0; }
.suggestions li { margin: .4rem 0; }
.qa-answer { white-space: pre-wrap; }
.bar-chart { max-width: 42rem; }
`;

export async function sendPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, title: string, trail: Array<{ href?: string; label: string }>, body: string, status = 200, cache = false) {
  return reply.code(status).type(HTML).header('cache-control', cache ? 'public, max-age=60' : 'no-store').send(
    await renderPage(ctx, req, { title, trail: [INTERACT, ...trail], children: `<style>${FORM_CSS}${INTERACT_CSS}</style>${body}` }),
  );
}
