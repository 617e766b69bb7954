import { useEffect, useId, useRef, useState } from 'react';
import type { ProviderCheck } from '@/shared/protocol';
import { PRESETS, type ProviderView } from '@/shared/settings';
import { CheckResult } from './CheckResult';
import { hasUsableKey } from './describe-check';
import { ProblemMessage } from './ProblemMessage';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

interface ProviderRowProps {
  provider: ProviderView;
  index: number;
  count: number;
  isDefault: boolean;
  /** The add/edit form currently edits this provider. */
  isEditing: boolean;
  onEdit(): void;
  onRemoved(): void;
}

type MoveDirection = 'up' | 'down';

export function ProviderRow(props: ProviderRowProps) {
  const { provider, index, count, isDefault, isEditing, onEdit, onRemoved } = props;
  const moveProvider = useOptions((s) => s.moveProvider);
  const checkProvider = useOptions((s) => s.checkProvider);
  const makeDefault = useOptions((s) => s.makeDefault);
  const removeProvider = useOptions((s) => s.removeProvider);
  const request = useRequest();
  const [check, setCheck] = useState<ProviderCheck | null>(null);
  const [confirming, setConfirming] = useState(false);
  const nameId = useId();
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const lastMove = useRef<MoveDirection | null>(null);

  // Moving re-inserts the row, which drops focus: put it back on the button that moved it (or on
  // the other one when the row reached the end of the list).
  useEffect(() => {
    const direction = lastMove.current;
    if (!direction) return;
    lastMove.current = null;
    const wanted = direction === 'up' ? upRef.current : downRef.current;
    const other = direction === 'up' ? downRef.current : upRef.current;
    (wanted && !wanted.disabled ? wanted : other)?.focus();
  }, [index]);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const move = (direction: MoveDirection) => {
    lastMove.current = direction;
    void request.run(() => moveProvider(provider.id, direction === 'up' ? -1 : 1));
  };

  const test = async () => {
    setCheck(null);
    const outcome = await request.run(() => checkProvider(provider.id));
    if (outcome.ok) setCheck(outcome.value);
  };

  const remove = async () => {
    const outcome = await request.run(() => removeProvider(provider.id));
    if (outcome.ok) onRemoved();
    else setConfirming(false);
  };

  return (
    <li className={`provider-row${isEditing ? ' editing' : ''}`} aria-labelledby={nameId}>
      <div className="provider-main">
        <label className="default-choice">
          <input
            type="radio"
            name="default-provider"
            checked={isDefault}
            onChange={() => void request.run(() => makeDefault(provider.id))}
            aria-label={`Make ${provider.name} the default`}
          />
          <span aria-hidden="true">{isDefault ? 'Default' : 'Make default'}</span>
        </label>
        <div className="provider-info">
          <div className="provider-title">
            <span id={nameId} className="provider-name">
              {provider.name}
            </span>
            <span className="tag">{PRESETS[provider.preset].label}</span>
            {isDefault && <span className="tag accent">Default</span>}
            {isEditing && <span className="tag">Editing</span>}
          </div>
          <dl className="provider-facts">
            <div>
              <dt>Base URL</dt>
              <dd>
                <code>{provider.baseURL}</code>
              </dd>
            </div>
            <div>
              <dt>API key</dt>
              <dd>
                {provider.keyError ? (
                  <span className="key-error">
                    <strong>Key unreadable.</strong> {provider.keyError}
                  </span>
                ) : provider.maskedKey ? (
                  <code>{provider.maskedKey}</code>
                ) : (
                  <span className="muted">No key</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Model</dt>
              <dd>
                {provider.defaultModel ? (
                  <code>{provider.defaultModel}</code>
                ) : (
                  <span className="muted">Not set</span>
                )}
              </dd>
            </div>
          </dl>
        </div>
      </div>

      <div className="provider-actions">
        <button
          ref={upRef}
          type="button"
          className="icon"
          aria-label={`Move ${provider.name} up`}
          disabled={index === 0}
          onClick={() => move('up')}
        >
          ↑
        </button>
        <button
          ref={downRef}
          type="button"
          className="icon"
          aria-label={`Move ${provider.name} down`}
          disabled={index === count - 1}
          onClick={() => move('down')}
        >
          ↓
        </button>
        <button type="button" onClick={() => void test()} aria-describedby={nameId}>
          Test
        </button>
        <button type="button" onClick={onEdit} aria-describedby={nameId}>
          Edit
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setConfirming(true)}
          aria-describedby={nameId}
        >
          Remove
        </button>
      </div>

      {confirming && (
        <div className="confirm-remove" role="group" aria-label={`Remove ${provider.name}?`}>
          <span>
            Remove “{provider.name}” and its stored API key? Conversations with it are kept.
          </span>
          <div className="inline-controls">
            <button type="button" className="danger" onClick={() => void remove()}>
              Remove provider
            </button>
            <button ref={cancelRef} type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}

      <div className="row-feedback">
        {request.busy && (
          <p className="muted small" role="status">
            Working…
          </p>
        )}
        {check && <CheckResult check={check} hasKey={hasUsableKey(provider)} />}
        {request.problem && <ProblemMessage problem={request.problem} />}
      </div>
    </li>
  );
}
