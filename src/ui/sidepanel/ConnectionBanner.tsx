import { useChat } from './use-chat';

export function ConnectionBanner() {
  const connection = useChat((s) => s.connection);
  if (connection === 'reconnecting') {
    return (
      <div className="banner warning" role="status">
        Reconnecting to Parley&apos;s background… Answers in progress continue meanwhile.
      </div>
    );
  }
  if (connection === 'outdated') {
    return (
      <div className="banner error" role="alert">
        Parley was updated. Close and reopen this panel to continue.
      </div>
    );
  }
  return null;
}
