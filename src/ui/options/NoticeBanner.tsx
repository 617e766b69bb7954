import { useOptions } from './use-options';

/** A background failure that no control on this page caused (e.g. storage refusing writes). */
export function NoticeBanner() {
  const notice = useOptions((s) => s.notice);
  const dismiss = useOptions((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className={`banner ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>{notice.message}</span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
