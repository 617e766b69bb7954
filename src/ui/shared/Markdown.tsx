// Renders a model's Markdown as React elements from marked's tokens: no HTML string is ever
// injected, so raw HTML in an answer shows as text and cannot run. Blocks are memoized by their
// source, so a streaming answer re-renders only its last block.
import type { Token, Tokens } from 'marked';
import { memo, useState, type ReactNode } from 'react';
import { lexIncrementally, type LexedText } from './incremental-lex';

const SAFE_LINK = /^(https?:|mailto:)/i;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function CodeBlock({ code, lang }: { code: string; lang?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="code-block">
      <div className="code-bar">
        <span className="small muted">{lang || 'code'}</span>
        <button type="button" className="icon small" onClick={copy} aria-label="Copy code">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre>
        <code>{code}</code>
      </pre>
    </div>
  );
}

function inline(tokens: Token[] | undefined, keyPrefix = ''): ReactNode[] {
  return (tokens ?? []).map((token, index) => {
    const key = `${keyPrefix}${index}`;
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'strong':
        return <strong key={key}>{inline(t.tokens, key)}</strong>;
      case 'em':
        return <em key={key}>{inline(t.tokens, key)}</em>;
      case 'del':
        return <del key={key}>{inline(t.tokens, key)}</del>;
      case 'codespan':
        return <code key={key}>{decodeEntities(t.text as string)}</code>;
      case 'br':
        return <br key={key} />;
      case 'link': {
        const href = String(t.href);
        if (!SAFE_LINK.test(href)) return <span key={key}>{inline(t.tokens, key)}</span>;
        return (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer" title={href}>
            {inline(t.tokens, key)}
          </a>
        );
      }
      case 'image': {
        // Remote images are not loaded (they would leak that you read this); link to them instead.
        const href = String(t.href);
        const label = `[image: ${t.text || href}]`;
        return SAFE_LINK.test(href) ? (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          <span key={key}>{label}</span>
        );
      }
      case 'text':
        return t.tokens ? (
          <span key={key}>{inline(t.tokens, key)}</span>
        ) : (
          decodeEntities(String(t.text))
        );
      case 'escape':
      case 'html':
      default:
        return decodeEntities(String(t.text ?? t.raw));
    }
  });
}

function block(token: Token, key: string): ReactNode {
  const t = token as Tokens.Generic;
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return <p key={key}>{inline(t.tokens)}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(t.depth))) as 1 | 2 | 3 | 4 | 5 | 6;
      const Tag = `h${level}` as const;
      return <Tag key={key}>{inline(t.tokens)}</Tag>;
    }
    case 'code':
      return <CodeBlock key={key} code={String(t.text)} lang={t.lang as string | undefined} />;
    case 'blockquote':
      return (
        <blockquote key={key}>
          {(t.tokens ?? []).map((child, i) => block(child, `${key}.${i}`))}
        </blockquote>
      );
    case 'hr':
      return <hr key={key} />;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, i) => (
        <li key={i}>
          {item.task && (
            <input type="checkbox" checked={!!item.checked} readOnly disabled aria-label="task" />
          )}
          {item.tokens.map((child, j) =>
            child.type === 'text' ? (
              <span key={j}>{inline((child as Tokens.Text).tokens ?? [child])}</span>
            ) : (
              block(child, `${key}.${i}.${j}`)
            ),
          )}
        </li>
      ));
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table': {
      const table = token as Tokens.Table;
      return (
        <div className="table-wrap" key={key}>
          <table>
            <thead>
              <tr>
                {table.header.map((cell, i) => (
                  <th key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                    {inline(cell.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                      {inline(cell.tokens)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'text':
      return <p key={key}>{inline(t.tokens ?? [token])}</p>;
    case 'html':
    default:
      return (
        <p key={key} className="raw">
          {String(t.raw)}
        </p>
      );
  }
}

const Block = memo(
  function Block({ token }: { token: Token }) {
    return <>{block(token, 'b')}</>;
  },
  (a, b) => a.token.raw === b.token.raw && a.token.type === b.token.type,
);

export function Markdown({ text }: { text: string }) {
  // While an answer streams, each render lexes only its end (see lexIncrementally), not all of it.
  const [lexed, setLexed] = useState<LexedText>(() => lexIncrementally(text, null));
  let current = lexed;
  if (lexed.text !== text) {
    current = lexIncrementally(text, lexed);
    setLexed(current);
  }
  const tokens = current.tokens;
  return (
    <div className="markdown">
      {tokens.map((token, index) => (
        <Block key={index} token={token} />
      ))}
    </div>
  );
}
