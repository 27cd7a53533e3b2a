// Conditional requests for resources that declare an `etag` (RFC 9110 §13.1.1): a single GET
// sends `ETag`, and a PATCH with `If-Match` runs only while the record still has one of the
// listed tags (`*` = any). The tag is compared with the record locked FOR UPDATE inside the
// PATCH's transaction, so nothing can change it between the comparison and the write.
// Weak tags (W/"…") never match: If-Match uses the strong comparison.
import type { Kysely } from 'kysely';
import { ApiError } from '../errors.js';
import type { ResourceDefinition } from './define.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Refuses (412) unless the locked record's tag is listed in If-Match; no-op without the header. */
export async function checkIfMatch(db: AnyDb, def: ResourceDefinition, id: string, header: string | string[] | undefined): Promise<void> {
  if (!def.etag || header === undefined) return;
  const listed = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim()).filter(Boolean);
  const row = await db.selectFrom(def.table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return; // the update reports the missing record
  if (listed.includes('*')) return;
  const current = await def.etag(db, row);
  if (listed.some((tag) => tag === current)) return;
  throw new ApiError('PRECONDITION_FAILED', `${def.type} ${id} has changed since it was read (If-Match ${listed.join(', ')}, now ${current}); read it again`, {
    parameter: 'If-Match', meta: { etag: current },
  });
}
