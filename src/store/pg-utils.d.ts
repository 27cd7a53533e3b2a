// node-postgres' own value formatting (what it sends for a parameter), used to write a
// parameter as an SQL literal (placement-pipeline.ts). Not in @types/pg.
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
