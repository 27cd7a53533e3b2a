// Previous / next paging for JSON:API lists (page[number], meta.page_count, meta.record_count).
interface Props {
  readonly page: number;
  readonly pageCount: number;
  readonly recordCount: number;
  readonly onPage: (page: number) => void;
}

export function Pager({ page, pageCount, recordCount, onPage }: Props) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page} of {Math.max(pageCount, 1)} · {recordCount} records
      </span>
      <button type="button" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
