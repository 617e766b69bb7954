// The conversation data model, shared by the background (which owns and stores it) and the UIs
// (which receive snapshots of it over ports). Plain JSON-safe data only.
import type { ClientErrorInfo, TokenUsage, ToolCall } from '@/client/types';

export type MessageRole = 'user' | 'assistant';

/**
 * pending: persisted, waiting in the request queue; streaming: the model is answering;
 * complete / error: final; interrupted: the worker stopped while it was pending or streaming
 * (its partial text is kept and the user may continue or retry it).
 */
export type MessageState = 'pending' | 'streaming' | 'complete' | 'error' | 'interrupted';

export interface ChatMessage {
  id: string;
  conversationId: string;
  /** Position in the conversation, 0-based, strictly increasing. */
  seq: number;
  role: MessageRole;
  content: string;
  /** Reasoning text or summary the model streamed, when it sent any. */
  reasoning?: string;
  state: MessageState;
  createdAt: number;
  updatedAt: number;
  /** For assistant messages: which provider and model answered. */
  providerId?: string;
  model?: string;
  usage?: TokenUsage;
  /** USD, when the provider reported an exact cost. */
  cost?: number;
  error?: ClientErrorInfo;
  toolCalls?: ToolCall[];
  /** The generation job that produces this (assistant) message. */
  jobId?: string;
  /** The user pressed Stop: the text is what arrived until then. */
  stopped?: boolean;
}

export interface Conversation {
  id: string;
  title: string;
  /** Where the title came from: the first user message, a model-written summary, or the user. */
  titleSource: 'first-message' | 'model' | 'user';
  createdAt: number;
  updatedAt: number;
  /** The provider and model new turns in this conversation use. */
  providerId?: string;
  model?: string;
}
