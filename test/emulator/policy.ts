/**
 * IAM identity-policy evaluation, the subset the emulator's accounts need: Allow and Deny, Action and
 * NotAction, Resource and NotResource with `*` and `?`, `${aws:username}`, and Bool / BoolIfExists on
 * aws:MultiFactorAuthPresent. Anything else in a policy is refused when the seed is loaded, so a test
 * policy never silently means something other than it says (README: "Identity policies").
 */

export type ConditionValue = string | boolean | Array<string | boolean>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, ConditionValue>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** What one IAM call asks: `iam:ChangePassword` on a resource ARN, with the request's context keys. */
export interface AuthorizationRequest {
  action: string;
  resource: string;
  /** Context keys by lower-case name (`aws:username`, `aws:multifactorauthpresent`); absent keys are left out. */
  context: Record<string, string>;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const CONDITION_OPERATORS = new Set(['Bool', 'BoolIfExists']);
const CONDITION_KEYS = new Set(['aws:multifactorauthpresent']);
const POLICY_VARIABLES = new Set(['aws:username']);

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function isTextList(value: unknown): value is string | string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'));
}

/** Throws, naming the policy and statement, for anything this evaluator would not evaluate as IAM does. */
export function validatePolicy(name: string, document: unknown): PolicyDocument {
  const fail = (where: string, problem: string): never => {
    throw new Error(`policy ${name}${where}: ${problem} (the emulator evaluates only what test/emulator/README.md lists)`);
  };
  if (typeof document !== 'object' || document === null) {
    return fail('', 'not a JSON object');
  }
  const { Version, Statement, ...rest } = document as Record<string, unknown>;
  const extra = Object.keys(rest).filter((key) => key !== 'Id');
  if (extra.length > 0) {
    fail('', `unknown element ${extra.join(', ')}`);
  }
  if (Version !== '2012-10-17') {
    fail('', `Version must be "2012-10-17" (policy variables need it), got ${JSON.stringify(Version)}`);
  }
  const statements = list(Statement as unknown);
  if (statements.length === 0) {
    fail('', 'no Statement');
  }
  statements.forEach((statement, index) => {
    const where = ` statement ${index}`;
    if (typeof statement !== 'object' || statement === null) {
      return fail(where, 'not a JSON object');
    }
    const entries = statement as Record<string, unknown>;
    for (const key of Object.keys(entries)) {
      if (!STATEMENT_KEYS.has(key)) {
        fail(where, `unsupported element ${key}`);
      }
    }
    if (entries.Effect !== 'Allow' && entries.Effect !== 'Deny') {
      fail(where, `Effect must be Allow or Deny, got ${JSON.stringify(entries.Effect)}`);
    }
    if ((entries.Action === undefined) === (entries.NotAction === undefined) || !isTextList(entries.Action ?? entries.NotAction)) {
      fail(where, 'needs exactly one of Action and NotAction, a string or a list of strings');
    }
    if ((entries.Resource === undefined) === (entries.NotResource === undefined) || !isTextList(entries.Resource ?? entries.NotResource)) {
      fail(where, 'needs exactly one of Resource and NotResource, a string or a list of strings');
    }
    for (const pattern of list(entries.Resource ?? entries.NotResource) as string[]) {
      for (const [, variable] of pattern.matchAll(/\$\{([^}]*)\}/g)) {
        if (!POLICY_VARIABLES.has(variable.toLowerCase())) {
          fail(where, `unsupported policy variable \${${variable}}`);
        }
      }
    }
    validateCondition(entries.Condition, (problem) => fail(where, problem));
  });
  return document as PolicyDocument;
}

function validateCondition(condition: unknown, fail: (problem: string) => never): void {
  if (condition === undefined) {
    return;
  }
  if (typeof condition !== 'object' || condition === null) {
    fail('Condition is not a JSON object');
  }
  for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
    if (!CONDITION_OPERATORS.has(operator)) {
      fail(`unsupported condition operator ${operator}`);
    }
    if (typeof keys !== 'object' || keys === null) {
      fail(`Condition ${operator} is not a JSON object`);
    }
    for (const [key, value] of Object.entries(keys as Record<string, unknown>)) {
      if (!CONDITION_KEYS.has(key.toLowerCase())) {
        fail(`unsupported condition key ${key}`);
      }
      const values = list(value);
      if (values.length === 0 || !values.every((item) => typeof item === 'boolean' || item === 'true' || item === 'false')) {
        fail(`${operator} ${key} takes "true" or "false", got ${JSON.stringify(value)}`);
      }
    }
  }
}

/** IAM's wildcard match: `*` any run of characters, `?` one character; everything else literal. */
function wildcardMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(text);
}

/** `${aws:username}` and the like from the context; a variable the request has no value for matches nothing. */
function substitute(pattern: string, context: Record<string, string>): string | undefined {
  let missing = false;
  const text = pattern.replace(/\$\{([^}]*)\}/g, (_whole, variable: string) => {
    const value = context[variable.toLowerCase()];
    missing ||= value === undefined;
    return value ?? '';
  });
  return missing ? undefined : text;
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  const matches = (patterns: string | string[] | undefined): boolean => list(patterns).some((pattern) => wildcardMatch(pattern, action, true));
  return statement.Action !== undefined ? matches(statement.Action) : !matches(statement.NotAction);
}

function resourceMatches(statement: PolicyStatement, request: AuthorizationRequest): boolean {
  const matches = (patterns: string | string[] | undefined): boolean =>
    list(patterns).some((pattern) => {
      const resolved = substitute(pattern, request.context);
      return resolved !== undefined && wildcardMatch(resolved, request.resource, false);
    });
  return statement.Resource !== undefined ? matches(statement.Resource) : !matches(statement.NotResource);
}

/** Every operator must hold; within one, every key; for one key, any of its values. */
function conditionHolds(statement: PolicyStatement, context: Record<string, string>): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key.toLowerCase()];
      if (actual === undefined) {
        return operator === 'BoolIfExists';
      }
      return list(expected).some((value) => String(value).toLowerCase() === actual);
    }),
  );
}

/** IAM's order for identity policies alone: an explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluatePolicies(policies: readonly PolicyDocument[], request: AuthorizationRequest): Decision {
  let allowed = false;
  for (const statement of policies.flatMap((policy) => list(policy.Statement))) {
    if (actionMatches(statement, request.action) && resourceMatches(statement, request) && conditionHolds(statement, request.context)) {
      if (statement.Effect === 'Deny') {
        return 'explicit-deny';
      }
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}
