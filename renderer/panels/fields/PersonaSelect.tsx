import type { Persona } from '../../../shared/model';

/** A plain select of personas by name, with a first option for "none" (or "all", "choose…"). */
export function PersonaSelect({ value, personas, emptyLabel, onChange }: { value: string; personas: readonly Persona[]; emptyLabel: string; onChange(id: string): void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {personas.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
