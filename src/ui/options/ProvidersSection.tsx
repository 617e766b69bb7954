import { useState } from 'react';
import { ProblemMessage } from './ProblemMessage';
import { ProviderForm } from './ProviderForm';
import { ProviderList } from './ProviderList';
import { Section } from './Section';
import { useOptions } from './use-options';

interface FormTarget {
  providerId: string | null;
  /** Bumped to start the form afresh (a new `key` remounts it). */
  version: number;
}

export function ProvidersSection() {
  const settings = useOptions((s) => s.settings);
  const settingsProblem = useOptions((s) => s.settingsProblem);
  const [target, setTarget] = useState<FormTarget>({ providerId: null, version: 0 });
  const editedProvider = settings?.providers.find((p) => p.id === target.providerId);

  const startForm = (providerId: string | null) =>
    setTarget((t) => ({ providerId, version: t.version + 1 }));

  return (
    <Section
      id="providers"
      title="Providers"
      description="Where your chats go. The side panel lists them in this order."
    >
      {settings ? (
        <ProviderList
          providers={settings.providers}
          defaultProviderId={settings.defaultProviderId}
          editingId={target.providerId}
          onEdit={(provider) => startForm(provider.id)}
          onRemoved={(providerId) => {
            if (providerId === target.providerId) startForm(null);
          }}
        />
      ) : settingsProblem ? (
        <ProblemMessage problem={settingsProblem} />
      ) : (
        <p className="muted" role="status">
          Loading providers…
        </p>
      )}
      <ProviderForm
        key={target.version}
        provider={editedProvider}
        focusOnMount={target.version > 0}
        onSaved={(provider) => setTarget((t) => ({ ...t, providerId: provider.id }))}
        onNewProvider={() => startForm(null)}
      />
    </Section>
  );
}
