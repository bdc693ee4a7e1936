import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { readApiError } from '../utils/errors';
import { wordApiError } from '../utils/error-words';

/**
 * The messages of a failed call (react-query error), read asynchronously from the response body
 * and worded in the user's language where the module gave an error code.
 */
export function useApiError(error: unknown): string[] | undefined {
  const intl = useIntl();
  const [messages, setMessages] = useState<string[] | undefined>();
  useEffect(() => {
    let live = true;
    if (!error) {
      setMessages(undefined);
      return undefined;
    }
    void readApiError(error).then((e) => { if (live) setMessages(wordApiError(intl, e)); });
    return () => { live = false; };
  }, [error, intl]);
  return messages;
}
