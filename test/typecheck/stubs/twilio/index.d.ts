// Minimal, hand-written type stub of `twilio` (SMS only): its `messages.create` is not an LLM call.
interface MessageInstance {
  sid: string;
  status: string;
}

interface Twilio {
  messages: { create(options: { body: string; from: string; to: string }): Promise<MessageInstance> };
}

declare function twilio(accountSid?: string, authToken?: string): Twilio;
export default twilio;
