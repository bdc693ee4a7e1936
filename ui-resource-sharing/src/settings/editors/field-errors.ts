// FOLIO's 422 answers name the field in `errors[].parameters[0].key` (`name`, `entries[2].symbol`,
// `rankingWeights.overload`); forms show each message at that field, and the rest in a banner.
import { readApiError } from '../../utils/errors';

export interface FieldErrors {
  /** message per field key as the backend names it */
  fields: Record<string, string>;
  /** messages that name no field of the form */
  general: string[];
}

interface FolioErrorBody {
  errors?: Array<{ message?: string; code?: string; parameters?: Array<{ key?: string }> }>;
}

/** Splits a failed save into per-field messages (for `known` keys, or all when absent) and the rest. */
export async function fieldErrorsOf(error: unknown, known?: (key: string) => boolean): Promise<FieldErrors> {
  const response = (error as { response?: Response })?.response;
  if (response?.status === 422) {
    try {
      const body = (await response.clone().json()) as FolioErrorBody;
      const out: FieldErrors = { fields: {}, general: [] };
      for (const e of body.errors ?? []) {
        const key = e.parameters?.[0]?.key;
        const message = e.message ?? e.code ?? '';
        if (key && (!known || known(key)) && !(key in out.fields)) out.fields[key] = message;
        else out.general.push(message);
      }
      return out;
    } catch {
      // not a FOLIO error body
    }
  }
  const { messages } = await readApiError(error);
  return { fields: {}, general: messages };
}
