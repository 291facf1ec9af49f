// npm run comments: the share of src/'s non-blank lines that hold a comment (docs/ARCHITECTURE.md keeps it at 10% or less).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface CommentShare {
  commentLines: number;
  nonBlankLines: number;
}

/** Lines of `text` that hold a comment (alone or after code), and lines that are not blank. */
export function countCommentLines(text: string): CommentShare {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true);
  const comment = new Set<number>();
  const addRanges = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      const [first, last] = [range.pos, range.end].map((position) => source.getLineAndCharacterOfPosition(position).line);
      for (let line = first; line <= last; line++) {
        comment.add(line);
      }
    }
  };
  const visit = (node: ts.Node): void => {
    addRanges(ts.getLeadingCommentRanges(text, node.pos));
    addRanges(ts.getTrailingCommentRanges(text, node.end));
    node.forEachChild(visit);
  };
  visit(source);
  return { commentLines: comment.size, nonBlankLines: text.split('\n').filter((line) => line.trim() !== '').length };
}

/** The counts of every .ts file under `dir`. */
export function commentShare(dir: string): CommentShare & { byFile: Map<string, CommentShare> } {
  const byFile = new Map<string, CommentShare>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    byFile.set(file, countCommentLines(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  const sum = (key: keyof CommentShare): number => [...byFile.values()].reduce((total, counts) => total + counts[key], 0);
  return { commentLines: sum('commentLines'), nonBlankLines: sum('nonBlankLines'), byFile };
}

if (require.main === module) {
  const srcDir = path.resolve(__dirname, '../../src');
  const { commentLines, nonBlankLines, byFile } = commentShare(srcDir);
  const percent = (counts: CommentShare): string => ((100 * counts.commentLines) / counts.nonBlankLines).toFixed(1);
  for (const [file, counts] of [...byFile].sort((a, b) => b[1].commentLines - a[1].commentLines)) {
    console.log(`${percent(counts).padStart(5)}%  ${String(counts.commentLines).padStart(3)} / ${String(counts.nonBlankLines).padStart(3)}  src/${file}`);
  }
  console.log(`src/: ${commentLines} comment lines of ${nonBlankLines} non-blank lines: ${percent({ commentLines, nonBlankLines })}%`);
}
