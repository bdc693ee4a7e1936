/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedDate, FormattedTime } from 'react-intl';

/** Options for intl.formatDate of a timestamp inside a sentence ("since 7 Dec 2026, 08:00"). */
export const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;

/** A timestamp as the user's locale writes date and time. */
export function DateTime({ value }: { value?: string }) {
  if (!value) return null;
  return (
    <span>
      <FormattedDate value={value} year="numeric" month="short" day="numeric" />
      {' '}
      <FormattedTime value={value} />
    </span>
  );
}

/** A date-only value (YYYY-MM-DD): formatted in UTC so it never shifts a day. */
export function DateOnly({ value }: { value?: string }) {
  if (!value) return null;
  return <FormattedDate value={value} timeZone="UTC" year="numeric" month="short" day="numeric" />;
}
