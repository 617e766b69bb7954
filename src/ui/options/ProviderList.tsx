import { defaultProvider, type ProviderView } from '@/shared/settings';
import { ProviderRow } from './ProviderRow';

interface ProviderListProps {
  providers: ProviderView[];
  defaultProviderId: string | undefined;
  editingId: string | null;
  onEdit(provider: ProviderView): void;
  onRemoved(providerId: string): void;
}

export function ProviderList(props: ProviderListProps) {
  const { providers, defaultProviderId, editingId, onEdit, onRemoved } = props;
  if (providers.length === 0) {
    return (
      <div className="empty-state">
        <p>
          <strong>No providers yet.</strong>
        </p>
        <p className="muted">
          A provider is the service that runs the model you chat with: OpenAI or OpenRouter with an
          API key, or a model server on your own computer such as Ollama or LM Studio. Add one
          below.
        </p>
      </div>
    );
  }
  const defaultId = defaultProvider({ providers, defaultProviderId })?.id;
  return (
    <div role="radiogroup" aria-label="Default provider">
      <ul className="provider-list" aria-label="Providers">
        {providers.map((provider, index) => (
          <ProviderRow
            key={provider.id}
            provider={provider}
            index={index}
            count={providers.length}
            isDefault={provider.id === defaultId}
            isEditing={provider.id === editingId}
            onEdit={() => onEdit(provider)}
            onRemoved={() => onRemoved(provider.id)}
          />
        ))}
      </ul>
    </div>
  );
}
