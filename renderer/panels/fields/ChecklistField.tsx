import { useId, useState } from 'react';
import type { ChecklistItem } from '../../../shared/model';
import { ErrorText, problemText, useDraft, type Commit } from './Field';
import { isCommitKey } from './TextField';

/** A checklist (milestone or gate criteria): tick, remove and add items; each change is one commit. */
export function ChecklistField({
  label,
  items,
  onCommit,
  field,
  itemName = 'item',
}: {
  label: string;
  items: readonly ChecklistItem[] | undefined;
  /** Receives the whole new list. */
  onCommit: Commit<ChecklistItem[]>;
  field?: string;
  /** What one item is called, for the add box and buttons ("criterion"). */
  itemName?: string;
}) {
  const list = useDraft<readonly ChecklistItem[]>(items ?? [], (next) => onCommit([...next]), field);
  const [text, setText] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const newId = useId();

  const set = (index: number, item: ChecklistItem | null) =>
    list.commit(item ? list.value.map((it, i) => (i === index ? item : it)) : list.value.filter((_, i) => i !== index));

  function add() {
    const trimmed = text.trim();
    if (!trimmed) {
      setAddError(`Write the ${itemName} first`);
      return;
    }
    const result = onCommit([...list.value, { text: trimmed }]);
    if (result.ok) {
      setText('');
      setAddError(null);
      list.revert();
    } else setAddError(problemText(result.error, field));
  }

  const done = list.value.filter((i) => i.done).length;
  return (
    <fieldset className="field checklist">
      <legend className="field__label">
        {label}
        {list.value.length > 0 && (
          <span className="muted">
            {' '}
            {done}/{list.value.length}
          </span>
        )}
      </legend>
      {list.value.length > 0 && (
        <ul className="checklist__items">
          {list.value.map((item, i) => (
            <li key={i} className={item.done ? 'checklist__item checklist__item--done' : 'checklist__item'}>
              <label>
                <input type="checkbox" checked={item.done === true} onChange={(e) => set(i, e.target.checked ? { ...item, done: true } : { text: item.text })} />
                <span>{item.text}</span>
              </label>
              <button type="button" className="icon-button" aria-label={`Remove ${item.text}`} title={`Remove this ${itemName}`} onClick={() => set(i, null)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.error && <ErrorText>{list.error}</ErrorText>}
      <div className="checklist__add">
        <label htmlFor={newId} className="visually-hidden">
          {`New ${itemName}`}
        </label>
        <input
          id={newId}
          value={text}
          placeholder={`New ${itemName}`}
          aria-invalid={addError !== null || undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (isCommitKey(e)) {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" aria-label={`Add ${itemName}`} onClick={add}>
          Add
        </button>
      </div>
      {addError && <ErrorText>{addError}</ErrorText>}
    </fieldset>
  );
}
