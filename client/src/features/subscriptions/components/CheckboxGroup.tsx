/** A multi-select as a labelled group of checkboxes (keyboard: Tab between boxes, Space to toggle). */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  selected,
  labelOf,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  labelOf(value: T): string;
  onChange(next: T[]): void;
}) {
  function toggle(value: T, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.filter((o) => next.has(o)));
  }
  return (
    <fieldset className="sub-checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="sub-check">
          <input type="checkbox" checked={selected.includes(o)} onChange={(e) => toggle(o, e.target.checked)} />
          {labelOf(o)}
        </label>
      ))}
    </fieldset>
  );
}
