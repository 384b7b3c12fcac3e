// `npm run lint` runs this: prints the longest functions in src/ and fails when a function is
// longer than 50 lines or a file longer than 300 (issue 17's limits: small named steps, small files).
// Usage: node scripts/check-size.mjs [--top N]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX_FUNCTION_LINES = 50;
const MAX_FILE_LINES = 300;
const root = join(import.meta.dirname, '..');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 10;

function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The name a reader would search for: the function, method or variable it is assigned to. */
function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

const functions = [];
const files = [];
for (const file of tsFiles(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = relative(root, file);
  files.push({ rel, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) });
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      functions.push({ where: `${rel}:${start + 1}`, name: nameOf(node), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

functions.sort((a, b) => b.lines - a.lines);
files.sort((a, b) => b.lines - a.lines);
console.log(`Longest functions in src/ (limit ${MAX_FUNCTION_LINES} lines):`);
for (const f of functions.slice(0, top)) console.log(`  ${String(f.lines).padStart(4)}  ${f.name}  ${f.where}`);
console.log(`Longest files in src/ (limit ${MAX_FILE_LINES} lines):`);
for (const f of files.slice(0, Math.min(top, 5))) console.log(`  ${String(f.lines).padStart(4)}  ${f.rel}`);
const longFunctions = functions.filter((f) => f.lines > MAX_FUNCTION_LINES);
const longFiles = files.filter((f) => f.lines > MAX_FILE_LINES);
if (longFunctions.length || longFiles.length) {
  console.error(`Over the limits: ${longFunctions.length} function(s) over ${MAX_FUNCTION_LINES} lines, ${longFiles.length} file(s) over ${MAX_FILE_LINES} lines:`);
  for (const f of longFunctions) console.error(`  ${f.lines} lines: ${f.name} (${f.where})`);
  for (const f of longFiles) console.error(`  ${f.lines} lines: ${f.rel}`);
  process.exit(1);
}
