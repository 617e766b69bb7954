/** What each protection mode does and does not do, in plain words. */
export function VaultExplanation() {
  return (
    <div className="vault-explanation">
      <div>
        <h3>Without a passphrase (default)</h3>
        <p>
          Your API keys are encrypted with AES-GCM. The encryption key cannot be exported and stays
          in this browser profile&apos;s IndexedDB, so your keys never leave this device: they are
          never synced and never included in exports or backups.
        </p>
        <p>
          This protects against someone copying the extension&apos;s storage files or reading your
          exported settings. It does <strong>not</strong> protect against malware on this computer,
          another person using this browser profile while it is open, or anyone who can run code in
          the extension.
        </p>
      </div>
      <div>
        <h3>With a passphrase</h3>
        <p>
          The key that decrypts your API keys is itself encrypted with your passphrase
          (PBKDF2-SHA-256, 600,000 iterations). After the browser restarts, or after the auto-lock
          time without use, your keys cannot be used until you type the passphrase.
        </p>
        <p>
          Parley cannot recover a forgotten passphrase: you would have to enter your API keys again.
        </p>
      </div>
    </div>
  );
}
