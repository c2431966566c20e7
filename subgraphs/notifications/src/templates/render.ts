import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { NotificationKind, TemplateData } from '../data/records';
import { CATEGORY_LABELS, KINDS } from './kinds';

/**
 * Emails from Handlebars templates: one HTML and one text template per kind, each wrapped in the
 * base layout of its format. HTML templates escape every `{{value}}` (names, titles and reasons
 * are user-supplied); text templates do not, since a text part is never interpreted as markup.
 * Only `{{{body}}}` in the layouts is inserted raw: it is the already-escaped rendered body.
 */

type Template = Handlebars.TemplateDelegate<Record<string, unknown>>;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailRenderer {
  subject(kind: NotificationKind, data: TemplateData): string;
  render(kind: NotificationKind, subject: string, data: TemplateData): RenderedMail;
}

const TEMPLATE_DIR = __dirname;

function load(engine: typeof Handlebars, file: string, escape: boolean): Template {
  const source = fs.readFileSync(path.join(TEMPLATE_DIR, file), 'utf8');
  // strict: a template naming a value the data lacks fails loudly instead of rendering a blank.
  return engine.compile(source, { noEscape: !escape, strict: true });
}

/** Compiles every template once (at start-up, so a broken template stops the process early). */
export function createMailRenderer(appUrl: string): MailRenderer {
  const engine = Handlebars.create();
  const layouts = { html: load(engine, 'layout.html.hbs', true), text: load(engine, 'layout.text.hbs', false) };
  const kinds = Object.keys(KINDS) as NotificationKind[];
  const bodies = new Map(kinds.map((kind) => [kind, { html: load(engine, `${kind}.html.hbs`, true), text: load(engine, `${kind}.text.hbs`, false) }]));
  const subjects = new Map(kinds.map((kind) => [kind, engine.compile(KINDS[kind].subject, { noEscape: true, strict: true })]));

  return {
    subject: (kind, data) => subjects.get(kind)!({ ...data, appUrl }).replace(/[\r\n]+/g, ' '),
    render(kind, subject, data) {
      const spec = KINDS[kind];
      const values = { ...data, appUrl };
      const frame = { subject, appUrl, optional: spec.category !== 'SECURITY', categoryLabel: CATEGORY_LABELS[spec.category] };
      const body = bodies.get(kind)!;
      return {
        subject,
        html: layouts.html({ ...frame, body: body.html(values) }),
        text: layouts.text({ ...frame, body: body.text(values) }),
      };
    },
  };
}
