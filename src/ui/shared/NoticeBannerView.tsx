import { Icon } from './Icon';

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** A background failure or notice, dismissible; errors are alerts, the rest a status. */
export function NoticeBannerView({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div className={`banner ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>{notice.message}</span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
