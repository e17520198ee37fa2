/** One bar of a count chart: a category, its count and its colour. */
export interface CountRow {
  key: string;
  label: string;
  count: number;
  color: string;
}
