import { useOptions } from './use-options';

export function ConnectionBanner() {
  const connection = useOptions((s) => s.connection);
  if (connection === 'reconnecting') {
    return (
      <div className="banner warning" role="status">
        Reconnecting to Parley&apos;s background… Changes made meanwhile are sent once it is back.
      </div>
    );
  }
  if (connection === 'outdated') {
    return (
      <div className="banner error" role="alert">
        <span>Parley was updated. Reload this page to continue.</span>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  return null;
}
