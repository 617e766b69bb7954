import { ConnectionBannerView } from '../shared/ConnectionBannerView';
import { useChat } from './use-chat';

export function ConnectionBanner() {
  const connection = useChat((s) => s.connection);
  return (
    <ConnectionBannerView
      connection={connection}
      whileReconnecting="Answers in progress continue meanwhile."
      whenOutdated="Parley was updated. Close and reopen this panel to continue."
    />
  );
}
