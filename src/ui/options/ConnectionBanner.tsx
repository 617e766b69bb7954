import { ConnectionBannerView } from '../shared/ConnectionBannerView';
import { useOptions } from './use-options';

export function ConnectionBanner() {
  const connection = useOptions((s) => s.connection);
  return (
    <ConnectionBannerView
      connection={connection}
      whileReconnecting="Changes made meanwhile are sent once it is back."
      whenOutdated={
        <>
          <span>Parley was updated. Reload this page to continue.</span>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </>
      }
    />
  );
}
