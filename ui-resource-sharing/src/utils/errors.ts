// Turns a failed backend call into messages to show: FOLIO error bodies
// `{errors:[{message, code, parameters}]}` (422) or text/plain (400, 404, 500).

interface HttpErrorLike {
  response?: { status: number; clone(): { text(): Promise<string> } };
  message?: string;
}

export interface ApiError {
  status?: number;
  messages: string[];
}

function isFolioErrors(body: unknown): body is { errors: Array<{ message?: string; code?: string }> } {
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
      if (messages.length > 0) return { status, messages };
    }
  } catch {
    // not JSON: plain text body
  }
  return { status, messages: [text.trim() || e.message || `HTTP ${status}`] };
}
