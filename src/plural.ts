/** `1 paper`, `2 papers`, `0 deliveries`: a count with its noun, in English. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
