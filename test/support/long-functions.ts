import ts from 'typescript';

/** The length past which a function must say, in a comment, why it is long (CONTRIBUTING: ~60 lines). */
export const LONG_FUNCTION_LINES = 60;

export interface LongFunction {
  readonly name: string;
  readonly line: number;
  readonly lines: number;
  /** A comment just before it says why it is long (it mentions "long"). */
  readonly explained: boolean;
}

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node);

/** The node whose leading comment speaks for the function: `const f = () => …` is commented above `const`. */
function commentHolder(node: ts.Node): ts.Node {
  let holder = node;
  while (
    holder.parent &&
    (ts.isVariableDeclaration(holder.parent) ||
      ts.isVariableDeclarationList(holder.parent) ||
      ts.isVariableStatement(holder.parent) ||
      ts.isPropertyAssignment(holder.parent) ||
      ts.isExportAssignment(holder.parent))
  )
    holder = holder.parent;
  return holder;
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const { parent } = node;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

/** Every function of `text` longer than LONG_FUNCTION_LINES, nested ones included. */
export function longFunctions(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (isFunction(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > LONG_FUNCTION_LINES) {
        const holder = commentHolder(node);
        const comments = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
        const explained = comments.some((c) => /\blong/i.test(text.slice(c.pos, c.end)));
        found.push({ name: nameOf(node), line: first + 1, lines, explained });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
