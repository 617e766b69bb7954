import { NoticeBannerView } from '../shared/NoticeBannerView';
import { useChat } from './use-chat';

export function NoticeBanner() {
  const notice = useChat((s) => s.notice);
  const locked = useChat((s) => s.vault?.locked ?? false);
  const dismiss = useChat((s) => s.dismissNotice);
  // "Keys are locked" is said by the unlock banner, but only while they are still locked.
  if (!notice || (notice.code === 'vault_locked' && locked)) return null;
  return <NoticeBannerView notice={notice} onDismiss={dismiss} />;
}
