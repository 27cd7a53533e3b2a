// The drift check of the HTTP tests: every response the app sends is validated against the
// response schema its route documents in /openapi.json (the status must be documented, and
// a JSON body must match the schema of its media type). A mismatch is printed at once and
// recorded, and closing the app then fails, so the test file fails. Validators are compiled
// on a route's first response of a status and cached, so the suite does not slow down.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under ESM interop the function may sit on `default`.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats));

interface Documented { readonly description?: string; readonly content?: Record<string, { schema: object }> }

export interface DriftCheck {
  /** Mismatches so far, one line each (method, route, status, what is wrong). */
  readonly failures: readonly string[];
}

export function installDriftCheck(app: FastifyInstance): DriftCheck {
  let ajv: Ajv | undefined;
  const validators = new WeakMap<object, ValidateFunction>();
  const checked = new WeakSet<FastifyRequest>();
  const failures: string[] = [];

  const validatorFor = (schema: object): ValidateFunction => {
    if (!ajv) {
      ajv = new Ajv({ strict: false, inlineRefs: false, code: { optimize: false } });
      addFormats(ajv);
      for (const shared of Object.values(app.getSchemas())) ajv.addSchema(shared as object);
    }
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      validators.set(schema, validate);
    }
    return validate;
  };

  const fail = (request: FastifyRequest, reply: FastifyReply, what: string) => {
    const line = `${request.method} ${request.routeOptions.url ?? request.url} → ${reply.statusCode}: ${what}`;
    failures.push(line);
    process.stderr.write(`response drift: ${line}\n`);
  };

  const check = (request: FastifyRequest, reply: FastifyReply, body: unknown, hasBody: boolean) => {
    checked.add(request);
    const responses = (request.routeOptions.schema as { response?: Record<string, Documented> } | undefined)?.response;
    if (!responses) return; // routes outside the document (static files, /docs, hidden) and unmatched URLs
    const documented = responses[String(reply.statusCode)];
    if (!documented) return fail(request, reply, `status ${reply.statusCode} is not documented (documented: ${Object.keys(responses).join(', ')})`);
    if (!hasBody) return;
    const type = String(reply.getHeader('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = documented.content?.[type];
    if (!media) return fail(request, reply, `content type ${type || '(none)'} is not documented for this status`);
    if (!type.includes('json')) return;
    const validate = validatorFor(media.schema);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');
      fail(request, reply, `${errors} in ${JSON.stringify(body).slice(0, 400)}`);
    }
  };

  app.addHook('preSerialization', async (request, reply, payload) => {
    check(request, reply, payload, true);
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (checked.has(request)) return payload;
    if (payload === undefined || payload === null || payload === '') {
      check(request, reply, undefined, false);
    } else if (typeof payload === 'string') {
      const type = String(reply.getHeader('content-type') ?? '');
      let body: unknown = payload;
      if (type.includes('json')) {
        try { body = JSON.parse(payload); } catch { body = payload; }
      }
      check(request, reply, body, true);
    }
    return payload;
  });
  app.addHook('onClose', async () => {
    if (failures.length) throw new Error(`responses that differ from /openapi.json:\n${failures.join('\n')}`);
  });
  return { failures };
}
