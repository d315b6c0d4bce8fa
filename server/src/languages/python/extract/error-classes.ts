// Error classes that sending the same request again never mends, by name: three sets for three questions, which
// differ only where their comments say so.

/** A class with one of the given names, qualified or not (`openai.BadRequestError`). */
function classNamed(names: readonly string[]): RegExp {
  return new RegExp(`^(\\w+\\.)*(${names.join('|')})$`);
}

/** The request itself was refused (400, 404, 422, context window, content policy): sent again unchanged, it fails again. */
const REFUSALS = ['BadRequestError', 'UnprocessableEntityError', 'NotFoundError', 'ContextWindowExceededError', 'ContentPolicyViolationError', 'InvalidRequestError'];

/** An `except` that catches only these and goes round sends a changed request: a fallback, not a retry. */
export const REFUSED_REQUEST_ERROR = classNamed(REFUSALS);

/**
 * Refusals, or the model's output did not parse or validate: an error test for these (`isinstance(e, …)`) that every
 * way round a loop passes makes the loop a fallback. `ValueError` covers `json.JSONDecodeError` and pydantic's
 * `ValidationError`; no provider SDK raises it for a transient failure.
 */
export const NOT_TRANSIENT_ERROR = classNamed([...REFUSALS, 'JSONDecodeError', 'ValidationError', 'ValueError', 'OutputParserException', 'ModelBehaviorError', 'UnexpectedModelBehavior']);

/**
 * Errors no SDK retries and no second identical request mends: a 400, a rejected key, a reply that failed to parse or
 * validate (`json.JSONDecodeError`, pydantic's or jsonschema's `ValidationError`, LangChain's `OutputParserException`).
 * Repeating the call on these sends one more request, each through the SDK's own retries, never a product of both.
 * Read where a handler or a retry decorator names the classes it takes; wider than NOT_TRANSIENT_ERROR (a rejected key,
 * a lookup error) and without the legacy `InvalidRequestError`.
 */
export const PERMANENT_ERROR = classNamed(['BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'UnprocessableEntityError', 'ContextWindowExceededError', 'ContentPolicyViolationError', '\\w*ValidationError', 'ValueError', 'KeyError', 'TypeError', 'IndexError', 'AttributeError', '\\w*DecodeError', 'OutputParserException']);
