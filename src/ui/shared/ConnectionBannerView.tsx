import type { ReactNode } from 'react';
import type { ConnectionState } from '../port-client';

interface ConnectionBannerViewProps {
  connection: ConnectionState;
  /** What still works while the page reconnects. */
  whileReconnecting: string;
  /** What to do once the background speaks a newer protocol (the page must be reopened). */
  whenOutdated: ReactNode;
}

/** Says when the page lost its background: a status while reconnecting, an alert when outdated. */
export function ConnectionBannerView({
  connection,
  whileReconnecting,
  whenOutdated,
}: ConnectionBannerViewProps) {
  if (connection === 'reconnecting') {
    return (
      <div className="banner warning" role="status">
        Reconnecting to Parley&apos;s background… {whileReconnecting}
      </div>
    );
  }
  if (connection === 'outdated') {
    return (
      <div className="banner error" role="alert">
        {whenOutdated}
      </div>
    );
  }
  return null;
}
