import { Icon } from '../shared/Icon';
import { useChat } from './use-chat';

export function NoticeBanner() {
  const notice = useChat((s) => s.notice);
  const dismiss = useChat((s) => s.dismissNotice);
  if (!notice || notice.code === 'vault_locked') return null;
  return (
    <div className={`banner ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>{notice.message}</span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
