import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Forbidden } from '@pls/shared-kernel';
import { assertRole, type Caller, type Role } from './caller';
import type { TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol.for('pls.TokenVerifier');
const ALLOWED_ROLES = 'pls:allowed-roles';
const PUBLIC = 'pls:public';

/** Who may call this query or mutation. Everything else is refused: deny by default. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
/** No sign-in needed (public progress look-up, health, demo sign-in). */
export const Public = () => SetMetadata(PUBLIC, true);

interface RequestWithCaller {
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
}

function requestOf(context: ExecutionContext): RequestWithCaller {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: RequestWithCaller }>().req;
  return context.switchToHttp().getRequest<RequestWithCaller>();
}

/** The verified caller of the current request (set by the guard). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = requestOf(context).caller;
  if (!caller) throw new Forbidden('NO_CALLER', 'this operation needs a signed-in caller');
  return caller;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = requestOf(context);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      const header = request.headers['authorization'];
      // A public operation still learns who asks when a token is sent, but never requires one.
      if (typeof header === 'string') request.caller = await this.verifier.verify(header).catch(() => undefined);
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles) throw new Forbidden('NO_POLICY', `${context.getHandler().name} declares no access policy and is refused`);
    const header = request.headers['authorization'];
    request.caller ??= await this.verifier.verify(typeof header === 'string' ? header : undefined);
    assertRole(request.caller, roles, context.getHandler().name);
    return true;
  }
}
