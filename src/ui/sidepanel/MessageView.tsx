import { memo } from 'react';
import type { ChatMessage } from '@/shared/conversation';
import type { JobStatus } from '@/shared/protocol';
import { Markdown } from '../shared/Markdown';
import { formatCost, formatTokens } from '../shared/format';
import { useCountdown } from '../shared/use-countdown';
import { useChat } from './use-chat';

function JobStatusLine({ status }: { status: JobStatus }) {
  const seconds = useCountdown(status.phase === 'waiting' ? status.until : null);
  if (status.phase === 'queued') {
    return (
      <p className="job-status" role="status">
        Waiting in line{status.position > 1 ? ` (position ${status.position})` : ''}…
      </p>
    );
  }
  if (status.phase === 'waiting') {
    const what =
      status.reason === 'rate-limit'
        ? 'The provider’s rate limit is reached.'
        : (status.error?.message ?? 'The request failed.');
    const when = seconds ? `Retrying in ${seconds} s` : 'Retrying now';
    const attempt = status.attempt ? ` (retry ${status.attempt})` : '';
    return (
      <p className="job-status" role="status">
        {what} {when}
        {attempt}…
      </p>
    );
  }
  return null;
}

function Footer({ message }: { message: ChatMessage }) {
  const parts: string[] = [];
  if (message.model) parts.push(message.model);
  if (message.usage)
    parts.push(
      `${formatTokens(message.usage.input)} in · ${formatTokens(message.usage.output)} out`,
    );
  if (message.cost !== undefined) parts.push(formatCost(message.cost));
  if (message.stopped) parts.push('stopped');
  if (parts.length === 0) return null;
  return <div className="message-footer small muted">{parts.join(' · ')}</div>;
}

/** What went wrong with an answer and, for the latest one, Continue (when there is text) and Retry. */
function AssistantProblem({ message, latest }: { message: ChatMessage; latest: boolean }) {
  const continueMessage = useChat((s) => s.continueMessage);
  const retryMessage = useChat((s) => s.retryMessage);
  const interrupted = message.state === 'interrupted';
  if (!interrupted && !(message.state === 'error' && message.error)) return null;
  const text = interrupted
    ? `This answer was interrupted (Parley’s background was stopped)${message.content ? '; the text so far is kept' : ''}.`
    : message.error!.message;
  return (
    <div
      className={`message-alert ${interrupted ? 'warning' : 'error'}`}
      role={interrupted ? 'status' : 'alert'}
    >
      <span>{text}</span>
      {latest && (
        <div className="actions">
          {message.content && (
            <button type="button" onClick={() => void continueMessage(message.id)}>
              Continue
            </button>
          )}
          <button type="button" onClick={() => void retryMessage(message.id)}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

export const MessageView = memo(function MessageView({
  message,
  job,
  latest,
}: {
  message: ChatMessage;
  job: JobStatus | undefined;
  /** Only the latest answer can be continued or retried. */
  latest: boolean;
}) {
  const isUser = message.role === 'user';
  const active = message.state === 'pending' || message.state === 'streaming';
  const label = isUser ? 'You' : `Assistant${message.model ? ` (${message.model})` : ''}`;
  return (
    <article
      className={`message ${isUser ? 'from-user' : 'from-assistant'} state-${message.state}`}
      aria-label={label}
      aria-busy={active}
    >
      {!isUser && message.reasoning && (
        <details className="reasoning" open={active && !message.content}>
          <summary>Reasoning</summary>
          <div className="reasoning-text">{message.reasoning}</div>
        </details>
      )}
      {isUser ? (
        <div className="message-text user-text">{message.content}</div>
      ) : message.content ? (
        <div className={active ? 'message-text streaming' : 'message-text'}>
          <Markdown text={message.content} />
        </div>
      ) : active && !job ? (
        <p className="thinking muted" role="status">
          {message.reasoning ? 'Thinking…' : 'Waiting for the model…'}
        </p>
      ) : null}
      {job && <JobStatusLine status={job} />}
      {!isUser && <AssistantProblem message={message} latest={latest} />}
      {!isUser && !active && <Footer message={message} />}
    </article>
  );
});
