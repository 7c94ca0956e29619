import { useId } from 'react';

// A labelled drop-down for list filters; the empty value means "all".

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect(props: {
  label: string;
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <span className="filter">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
