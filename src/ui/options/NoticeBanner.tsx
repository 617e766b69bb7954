import { NoticeBannerView } from '../shared/NoticeBannerView';
import { useOptions } from './use-options';

/** A background failure that no control on this page caused (e.g. storage refusing writes). */
export function NoticeBanner() {
  const notice = useOptions((s) => s.notice);
  const dismiss = useOptions((s) => s.dismissNotice);
  if (!notice) return null;
  return <NoticeBannerView notice={notice} onDismiss={dismiss} />;
}
