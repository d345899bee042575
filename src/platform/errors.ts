/**
 * An error meant for the caller: HTTP status, a stable English code for programs and a
 * Chinese message for people. Anything else that escapes a handler is a bug (500).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The same error with another HTTP status (e.g. a reasoned refusal as 403). */
  withStatus(status: number): AppError {
    return new AppError(status, this.code, this.message, this.details);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到请求的内容') => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
