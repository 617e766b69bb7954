/** Access to a custom server was refused: what that means and how to fix it later. */
export function HostAccessWarning({ origin }: { origin: string }) {
  return (
    <div className="banner warning host-access" role="alert">
      <div>
        <p>
          <strong>Parley could not get access to {origin}.</strong> The provider was saved, but
          requests to it will only work if the server allows browser-extension origins (CORS). For
          Ollama, start it with <code>OLLAMA_ORIGINS=chrome-extension://*</code>.
        </p>
        <p>
          To grant access later, save this provider again and choose Allow, or open{' '}
          <code>chrome://extensions</code> → Parley → Details → Site access.
        </p>
      </div>
    </div>
  );
}
