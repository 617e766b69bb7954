import { useRef, useState, type ChangeEvent } from 'react';
import { downloadTextFile, exportFileName } from './download-file';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

function importedWords(count: number): string {
  if (count === 0) return 'Imported the defaults; the file had no providers.';
  const providers = count === 1 ? '1 provider' : `${count} providers`;
  return `Imported ${providers}. Enter their API keys again: keys are never part of an export.`;
}

export function BackupSection() {
  const exportSettings = useOptions((s) => s.exportSettings);
  const importSettings = useOptions((s) => s.importSettings);
  const exporting = useRequest();
  const importing = useRequest();
  const [imported, setImported] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportFile = async () => {
    const outcome = await exporting.run(exportSettings);
    if (outcome.ok) downloadTextFile(exportFileName(new Date()), outcome.value);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setImported(null);
    const json = await file.text();
    // Cleared so choosing the same file again still triggers a change.
    input.value = '';
    const outcome = await importing.run(() => importSettings(json));
    if (outcome.ok) setImported(importedWords(outcome.value));
  };

  return (
    <Section
      id="backup"
      title="Backup"
      description="Move your providers and defaults to another browser, or keep a copy."
    >
      <div className="backup-grid">
        <div className="backup-item">
          <div>
            <h3>Export</h3>
            <p className="muted">
              Downloads your providers, defaults and system prompt as a JSON file.{' '}
              <strong>API keys are not included.</strong>
            </p>
          </div>
          <button type="button" disabled={exporting.busy} onClick={() => void exportFile()}>
            Export settings
          </button>
          {exporting.problem && <ProblemMessage problem={exporting.problem} />}
        </div>
        <div className="backup-item">
          <div>
            <h3>Import</h3>
            <p className="muted">
              Adds the providers and defaults from a Parley export; your other providers stay. You
              enter their API keys again afterwards.
            </p>
          </div>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Settings file to import"
            onChange={(e) => void importFile(e)}
          />
          <button
            type="button"
            disabled={importing.busy}
            onClick={() => fileInput.current?.click()}
          >
            Import settings…
          </button>
          {imported && (
            <p className="ok-text" role="status">
              {imported}
            </p>
          )}
          {importing.problem && <ProblemMessage problem={importing.problem} />}
        </div>
      </div>
    </Section>
  );
}
