// Turns a failed backend call into messages to show: FOLIO error bodies
// `{errors:[{message, code, parameters}]}` (422) or text/plain (400, 404, 500).

interface HttpErrorLike {
  response?: { status: number; clone(): { text(): Promise<string> } };
  message?: string;
}

/** One entry of a FOLIO error body: English `message`, and the `code` with `parameters` the app words itself. */
export interface ApiErrorDetail {
  message?: string;
  code?: string;
  parameters?: Array<{ key: string; value?: string }>;
}

export interface ApiError {
  status?: number;
  messages: string[];
  /** the entries of a FOLIO error body (empty for a text/plain answer) */
  errors?: ApiErrorDetail[];
}

function isFolioErrors(body: unknown): body is { errors: ApiErrorDetail[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors);
}

export async function readApiError(error: unknown): Promise<ApiError> {
  const e = error as HttpErrorLike;
  if (!e?.response) return { messages: [e?.message ?? String(error)] };
  const status = e.response.status;
  let text = '';
  try {
    text = await e.response.clone().text();
  } catch {
    text = '';
  }
  try {
    const body: unknown = JSON.parse(text);
    if (isFolioErrors(body)) {
      const messages = body.errors.map((x) => x.message ?? x.code ?? '').filter(Boolean);
      if (messages.length > 0) return { status, messages, errors: body.errors };
    }
  } catch {
    // not JSON: plain text body
  }
  return { status, messages: [text.trim() || e.message || `HTTP ${status}`] };
}
