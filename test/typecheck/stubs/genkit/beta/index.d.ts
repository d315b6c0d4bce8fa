// Minimal, hand-written type stub of `genkit/beta`: the same instance, with the beta API on top.
export * from 'genkit';
