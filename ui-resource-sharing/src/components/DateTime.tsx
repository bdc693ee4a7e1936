/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedDate, FormattedTime } from 'react-intl';

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
