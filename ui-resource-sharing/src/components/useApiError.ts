import { useEffect, useState } from 'react';
import { readApiError } from '../utils/errors';

/** The messages of a failed call (react-query error), read asynchronously from the response body. */
export function useApiError(error: unknown): string[] | undefined {
  const [messages, setMessages] = useState<string[] | undefined>();
  useEffect(() => {
    let live = true;
    if (!error) {
      setMessages(undefined);
      return undefined;
    }
    void readApiError(error).then((e) => { if (live) setMessages(e.messages); });
    return () => { live = false; };
  }, [error]);
  return messages;
}
