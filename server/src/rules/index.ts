// Every rule, in alphabetical order. meta tests assert this list matches the directory.
import type { AnyRule } from '../core/rule';

export const rules: AnyRule[] = [];
