/**
 * Small readers for JSON request fields that throw an {@link ApiRejection} with a message in the
 * real API's style: 400 when a required field is missing or has the wrong JSON type, 422 when
 * the value is well-formed but not one the API accepts.
 */

/** A 4xx answer a route gives instead of its normal result. */
export class ApiRejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type JsonObject = Record<string, unknown>;

/** 400: required field absent or null. */
export function missing(path: string): never {
  throw new ApiRejection(400, `${path} is required`);
}

/** 400: field has the wrong JSON type. */
export function mistyped(path: string, expected: string): never {
  throw new ApiRejection(400, `${path} must be ${expected}`);
}

/** 422: a value the API rejects for the user. */
export function unprocessable(message: string): never {
  throw new ApiRejection(422, message);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requiredObject(parent: JsonObject, key: string, path = key): JsonObject {
  const value = parent[key];
  if (value === undefined || value === null) missing(path);
  if (!isObject(value)) mistyped(path, 'an object');
  return value;
}

export function optionalObject(parent: JsonObject, key: string, path = key): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) mistyped(path, 'an object');
  return value;
}

export function requiredNumber(parent: JsonObject, key: string, path = key): number {
  const value = parent[key];
  if (value === undefined || value === null) missing(path);
  if (typeof value !== 'number' || !Number.isFinite(value)) mistyped(path, 'a number');
  return value;
}

export function optionalNumber(parent: JsonObject, key: string, path = key): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) mistyped(path, 'a number');
  return value;
}

export function requiredString(parent: JsonObject, key: string, path = key): string {
  const value = parent[key];
  if (value === undefined || value === null) missing(path);
  if (typeof value !== 'string') mistyped(path, 'a string');
  if (value.trim() === '') missing(path);
  return value;
}

export function optionalString(parent: JsonObject, key: string, path = key): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') mistyped(path, 'a string');
  return value;
}

export function optionalBoolean(parent: JsonObject, key: string, path = key): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') mistyped(path, 'a boolean');
  return value;
}

/** 422 unless `value` is one of `allowed` (an enum value from a newer API is still rejected here). */
export function oneOf<T extends string>(value: string, allowed: readonly T[], path: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  unprocessable(`${path} '${value}' is not supported. Use one of: ${allowed.join(', ')}`);
}
