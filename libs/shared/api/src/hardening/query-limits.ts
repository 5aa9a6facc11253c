import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting an operation may select (fragments expanded). */
  readonly maxDepth: number;
  /** Aliased fields an operation may hold in all (fragments expanded). */
  readonly maxAliases: number;
  /** Field selections an operation may hold in all, fragments expanded: a static cost bound. */
  readonly maxFields: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30, maxFields: 500 };

/** Refusal reasons carried in `extensions.reason` (the code is BAD_USER_INPUT). */
export type QueryLimitReason = 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'QUERY_TOO_COMPLEX';

class LimitExceeded extends Error {
  constructor(readonly reason: QueryLimitReason, message: string) {
    super(message);
  }
}

/**
 * One validation rule bounding every operation before anything executes: depth, aliases and the
 * number of selected fields, counted with fragments expanded (a fragment spread twice counts twice,
 * so "fragment bombs" are caught). The walk stops at the first limit crossed, so a hostile document
 * costs at most `maxFields` steps; fragment cycles are left to graphql's own NoFragmentCycles rule.
 */
export function queryLimitRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const counts = { fields: 0, aliases: 0 };
        const walk = (selectionSet: SelectionSetNode, depth: number, visiting: ReadonlySet<string>): void => {
          for (const selection of selectionSet.selections) {
            if (selection.kind === Kind.FIELD) {
              if (++counts.fields > limits.maxFields) throw new LimitExceeded('QUERY_TOO_COMPLEX', `the operation selects more than ${limits.maxFields} fields`);
              if (selection.alias && ++counts.aliases > limits.maxAliases) throw new LimitExceeded('TOO_MANY_ALIASES', `the operation uses more than ${limits.maxAliases} aliases`);
              if (selection.selectionSet) {
                if (depth + 1 > limits.maxDepth) throw new LimitExceeded('QUERY_TOO_DEEP', `the operation is nested deeper than ${limits.maxDepth} levels`);
                walk(selection.selectionSet, depth + 1, visiting);
              }
            } else if (selection.kind === Kind.INLINE_FRAGMENT) {
              walk(selection.selectionSet, depth, visiting);
            } else {
              const name = selection.name.value;
              const fragment = fragments.get(name);
              if (!fragment || visiting.has(name)) continue;
              walk(fragment.selectionSet, depth, new Set([...visiting, name]));
            }
          }
        };
        try {
          walk(operation.selectionSet, 1, new Set());
        } catch (error) {
          if (!(error instanceof LimitExceeded)) throw error;
          context.reportError(new GraphQLError(error.message, { nodes: [operation], extensions: { reason: error.reason } }));
        }
        return false;
      },
    };
  };
}
